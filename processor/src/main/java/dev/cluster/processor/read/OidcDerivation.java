package dev.cluster.processor.read;

import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.EnvSpec;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.model.IdentitySpec;
import dev.cluster.processor.model.MachineAccountsSpec;
import dev.cluster.processor.model.OidcClientSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code @IdentityProvider}, {@code @OidcClient} and {@code @AuthGateway} add to the model:
 * one derived secret per client ({@code <service>-oidc-client-secret}, in Secrets Manager like a
 * database password), read by the client and by the identity provider, which puts it into the realm
 * at import; and the client's settings as variables ({@code OIDC_ISSUER}, {@code OIDC_CLIENT_ID},
 * {@code OIDC_REDIRECT_URI}).
 */
final class OidcDerivation {
  /** A class marked as the identity provider. */
  record ProviderMark(String serviceId, String realm, Origin origin) {}

  /**
   * A class marked as an OpenID Connect client, the auth gateway, or a reader of accounts (then
   * {@code signsIn} is false unless the class is also one of the others).
   */
  record ClientMark(
      String serviceId,
      String redirectPath,
      boolean gateway,
      boolean signsIn,
      boolean readsAccounts,
      Optional<String> authorizedKeysToken,
      Origin origin) {}

  private final ClusterSpec cluster;

  OidcDerivation(ClusterSpec cluster) {
    this.cluster = cluster;
  }

  /**
   * Replaces the services in {@code services} that the marks name, adds the derived secrets,
   * returns the identity.
   */
  IdentitySpec apply(
      List<ProviderMark> providers,
      List<ClientMark> marks,
      List<ServiceSpec> services,
      List<SecretSpec> secrets,
      List<GroupSpec> groups) {
    if (providers.isEmpty() && marks.isEmpty()) {
      return IdentitySpec.NONE;
    }
    Optional<ProviderMark> provider = providers.stream().findFirst();
    Optional<ServiceSpec> providerService = provider.flatMap(p -> find(services, p.serviceId()));
    Optional<String> issuer =
        providerService
            .flatMap(s -> s.route())
            .flatMap(
                r ->
                    provider.map(
                        p ->
                            "https://"
                                + r.subdomain()
                                + "."
                                + cluster.domain()
                                + "/realms/"
                                + p.realm()));
    List<OidcClientSpec> clients = new ArrayList<>();
    for (ClientMark mark : marks) {
      Optional<ServiceSpec> service = find(services, mark.serviceId());
      if (service.isEmpty()) {
        continue;
      }
      ServiceSpec client = service.get();
      SecretSpec secret =
          new SecretSpec(
              mark.serviceId() + "#oidc-client-secret",
              client.name() + "-oidc-client-secret",
              OidcClientSpec.secretEnv(client.name()),
              "OpenID Connect client secret of "
                  + client.name()
                  + " at the identity provider of cluster "
                  + cluster.name(),
              mark.origin(),
              true);
      secrets.add(secret);
      clients.add(
          new OidcClientSpec(
              client.id(),
              client.name(),
              mark.redirectPath(),
              secret.id(),
              mark.gateway(),
              mark.signsIn(),
              mark.readsAccounts(),
              mark.authorizedKeysToken(),
              mark.origin()));
      List<EnvSpec> env = new ArrayList<>();
      issuer.ifPresent(url -> env.add(new EnvSpec("OIDC_ISSUER", url)));
      env.add(new EnvSpec("OIDC_CLIENT_ID", client.name()));
      if (mark.signsIn()) {
        client
            .route()
            .ifPresent(
                r ->
                    env.add(
                        new EnvSpec(
                            "OIDC_REDIRECT_URI",
                            "https://"
                                + r.subdomain()
                                + "."
                                + cluster.domain()
                                + mark.redirectPath())));
      }
      replace(services, client.withDerived(List.of(secret.id()), env));
    }
    List<String> providerSecrets =
        new ArrayList<>(clients.stream().map(OidcClientSpec::secretId).toList());
    Optional<MachineAccountsSpec> machineAccounts = machineAccounts(secrets, groups, provider);
    machineAccounts.ifPresent(m -> providerSecrets.add(m.secretId()));
    providerService
        .flatMap(p -> find(services, p.id()))
        .ifPresent(p -> replace(services, p.withDerived(providerSecrets, List.of())));
    return new IdentitySpec(
        provider.map(ProviderMark::serviceId),
        provider.map(ProviderMark::realm).orElse(""),
        provider.map(ProviderMark::origin).orElse(Origin.NONE),
        clients,
        machineAccounts);
  }

  /**
   * The machines' accounts-sync client, when a group logs into the machines: its secret, read by
   * the machines and by the identity provider.
   */
  private Optional<MachineAccountsSpec> machineAccounts(
      List<SecretSpec> secrets, List<GroupSpec> groups, Optional<ProviderMark> provider) {
    Optional<GroupSpec> first = groups.stream().filter(GroupSpec::machineLogin).findFirst();
    if (first.isEmpty() || provider.isEmpty()) {
      return Optional.empty();
    }
    String clientId = MachineAccountsSpec.CLIENT_ID;
    SecretSpec secret =
        new SecretSpec(
            clientId + "#oidc-client-secret",
            clientId + "-oidc-client-secret",
            OidcClientSpec.secretEnv(clientId),
            "OpenID Connect client secret of the machines' accounts-sync at the identity"
                + " provider of cluster "
                + cluster.name(),
            first.get().origin(),
            true);
    secrets.add(secret);
    return Optional.of(new MachineAccountsSpec(clientId, secret.id()));
  }

  private static Optional<ServiceSpec> find(List<ServiceSpec> services, String id) {
    return services.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  private static void replace(List<ServiceSpec> services, ServiceSpec updated) {
    services.replaceAll(s -> s.id().equals(updated.id()) ? updated : s);
  }
}
