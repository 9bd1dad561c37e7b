package dev.cluster.apps.authgateway;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.model.IdentitySpec;
import dev.cluster.processor.model.OidcClientSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;
import java.util.Optional;

/**
 * The model the sign-in tests render: domain {@code dev.test}, groups {@code developers} and {@code
 * admins}, Keycloak as identity provider at {@code id}, the gateway at {@code auth}, and three
 * services: {@code review} for developers, {@code ops} for admins, and {@code drop} for developers
 * whose download links under {@code /d/} anyone may GET.
 */
final class SignInCluster {
  static final String DOMAIN = "dev.test";
  static final String REALM = "team";
  static final String GATEWAY = "auth-gateway";

  private SignInCluster() {}

  static ClusterModel model() {
    ClusterSpec cluster =
        new ClusterSpec(
            "t.Dev",
            "t",
            "dev",
            DOMAIN,
            "eu-west-1",
            List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"),
            "10.0.0.0/16",
            Origin.NONE);
    List<GroupSpec> groups =
        List.of(
            new GroupSpec("t.Developers", "developers", "people who write code", Origin.NONE),
            new GroupSpec("t.Admins", "admins", "people who run the cluster", Origin.NONE));
    List<ServiceSpec> services =
        List.of(
            service("keycloak", "id", List.of()),
            service(GATEWAY, "auth", List.of()),
            service("review", "review", List.of("t.Developers")),
            service("ops", "ops", List.of("t.Admins")),
            service("drop", "drop", List.of("t.Developers"), List.of("/d/")));
    IdentitySpec identity =
        new IdentitySpec(
            Optional.of("t.Keycloak"),
            REALM,
            Origin.NONE,
            List.of(
                new OidcClientSpec(
                    "t.AuthGateway",
                    GATEWAY,
                    "/callback",
                    "t.AuthGateway#oidc-client-secret",
                    true,
                    Origin.NONE)));
    return new ClusterModel(cluster, List.of(), services, List.of(), groups, identity);
  }

  private static ServiceSpec service(String name, String subdomain, List<String> allow) {
    return service(name, subdomain, allow, List.of());
  }

  private static ServiceSpec service(
      String name, String subdomain, List<String> allow, List<String> openPaths) {
    String id = "t." + dev.cluster.processor.model.Names.pascal(name);
    return ServiceSpec.builder(id, ServiceKind.APP, name)
        .image("example/" + name + ":1")
        .replicas(1)
        .ports(List.of(new PortSpec(8080, "http")))
        .runsOn("t.Workers")
        .route(Optional.of(new RouteSpec(subdomain, 0, allow, 10, openPaths, Origin.NONE)))
        .origin(Origin.NONE)
        .build();
  }
}
