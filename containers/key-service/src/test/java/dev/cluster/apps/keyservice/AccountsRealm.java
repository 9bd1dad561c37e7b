package dev.cluster.apps.keyservice;

import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.generate.config.realm.RealmExport;
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
 * The realm the key service's test imports, rendered by the processor from a model with groups
 * {@code sftp} and {@code developers} and the key service as a {@code @ReadsAccounts} client.
 */
final class AccountsRealm {
  static final String REALM = "team";
  static final String CLIENT = "key-service";

  private AccountsRealm() {}

  static String json() {
    ClusterSpec cluster =
        new ClusterSpec(
            "t.Dev",
            "t",
            "dev",
            "dev.test",
            "eu-west-1",
            List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"),
            "10.0.0.0/16",
            Origin.NONE);
    ServiceSpec keys =
        ServiceSpec.builder("t.KeyService", ServiceKind.APP, CLIENT)
            .image("example/keys:1")
            .replicas(1)
            .ports(List.of(new PortSpec(8093, "http")))
            .runsOn("t.Workers")
            .route(Optional.of(new RouteSpec("keys", 0, List.of(), 10, List.of(), Origin.NONE)))
            .origin(Origin.NONE)
            .build();
    IdentitySpec identity =
        new IdentitySpec(
            Optional.of("t.Keycloak"),
            REALM,
            Origin.NONE,
            List.of(
                new OidcClientSpec(
                    "t.KeyService",
                    CLIENT,
                    "",
                    "t.KeyService#oidc-client-secret",
                    false,
                    false,
                    true,
                    Origin.NONE)));
    ClusterModel model =
        new ClusterModel(
            cluster,
            List.of(),
            List.of(keys),
            List.of(),
            List.of(
                new GroupSpec("t.Sftp", "sftp", "file exchange", Origin.NONE),
                new GroupSpec("t.Developers", "developers", "code", Origin.NONE)),
            identity);
    return RealmExport.json(model, PublicUrls.CLUSTER);
  }
}
