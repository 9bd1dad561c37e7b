package dev.cluster.processor.read;

import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.EnvSpec;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.model.IdentitySpec;
import dev.cluster.processor.model.OidcClientSpec;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code @AuthGateway} adds so that apps believe an identity only from the front door: an
 * Ed25519 key pair as two derived secrets, {@code <gateway>-front-door-signing-key} for the gateway
 * alone ({@value #SIGNING_ENV}), and {@code <gateway>-front-door-verify-key}, its public half, for
 * every service routed behind the sign-in ({@value #VERIFY_ENV}), with its own host name as {@value
 * #AUDIENCE_ENV} and its route's groups as {@value #GROUPS_ENV} (the app admits their members only,
 * whatever the gateway signed). The gateway signs the identity it answers nginx's {@code
 * auth_request} with, for the route's host; the app checks that proof (app-common's {@code
 * FrontDoorTrust}). The public half travels as a secret only because that is how a value no build
 * knows reaches a unit; an app that holds it cannot sign.
 */
final class FrontDoorProofKeys {
  static final String SIGNING_ENV = "FRONT_DOOR_SIGNING_KEY";
  static final String VERIFY_ENV = "FRONT_DOOR_VERIFY_KEY";
  static final String AUDIENCE_ENV = "FRONT_DOOR_AUDIENCE";
  static final String GROUPS_ENV = "FRONT_DOOR_GROUPS";

  private FrontDoorProofKeys() {}

  static void apply(
      ClusterSpec cluster,
      IdentitySpec identity,
      List<ServiceSpec> services,
      List<SecretSpec> secrets,
      List<GroupSpec> groups) {
    Optional<OidcClientSpec> gateway = identity.gateway();
    if (gateway.isEmpty()) {
      return;
    }
    OidcClientSpec client = gateway.get();
    SecretSpec signing =
        new SecretSpec(
            client.serviceId() + "#front-door-signing-key",
            client.clientId() + "-front-door-signing-key",
            SIGNING_ENV,
            "Ed25519 private key (PKCS#8, base64) with which "
                + client.clientId()
                + " signs the front door's identities"
                + " in cluster "
                + cluster.name(),
            client.origin());
    SecretSpec verify =
        new SecretSpec(
            client.serviceId() + "#front-door-verify-key",
            client.clientId() + "-front-door-verify-key",
            VERIFY_ENV,
            "Ed25519 public key (X.509, base64) of "
                + signing.name()
                + ", with which apps check the front door's"
                + " identities in cluster "
                + cluster.name(),
            client.origin());
    secrets.add(signing);
    secrets.add(verify);
    services.replaceAll(
        service -> {
          if (service.id().equals(client.serviceId())) {
            return service.withDerived(List.of(signing.id()), List.of());
          }
          if (behindTheSignIn(service, identity)) {
            RouteSpec route = service.route().orElseThrow();
            List<EnvSpec> env =
                new ArrayList<>(
                    List.of(new EnvSpec(AUDIENCE_ENV, route.subdomain() + "." + cluster.domain())));
            List<String> allowed =
                route.allow().stream()
                    .flatMap(id -> groups.stream().filter(g -> g.id().equals(id)))
                    .map(GroupSpec::name)
                    .toList();
            if (!allowed.isEmpty()) {
              env.add(new EnvSpec(GROUPS_ENV, String.join(",", allowed)));
            }
            return service.withDerived(List.of(verify.id()), env);
          }
          return service;
        });
  }

  /**
   * Routed, reached by the front door, and neither the identity provider nor the gateway (open
   * routes).
   */
  private static boolean behindTheSignIn(ServiceSpec service, IdentitySpec identity) {
    return service.route().isPresent()
        && !service.frontDoor()
        && !service.ports().isEmpty()
        && identity.providerId().filter(service.id()::equals).isEmpty()
        && identity.gateway().filter(g -> g.serviceId().equals(service.id())).isEmpty();
  }
}
