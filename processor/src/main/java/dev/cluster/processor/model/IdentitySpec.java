package dev.cluster.processor.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who signs users in: the {@code @IdentityProvider} service (its id) and realm, and the services
 * that are its OpenID Connect clients, sorted by client id.
 */
public record IdentitySpec(
    Optional<String> providerId,
    String realm,
    Origin providerOrigin,
    List<OidcClientSpec> clients,
    Optional<MachineAccountsSpec> machineAccounts) {
  public static final IdentitySpec NONE =
      new IdentitySpec(Optional.empty(), "", Origin.NONE, List.of(), Optional.empty());

  /** An identity whose groups do not log into the machines. */
  public IdentitySpec(
      Optional<String> providerId,
      String realm,
      Origin providerOrigin,
      List<OidcClientSpec> clients) {
    this(providerId, realm, providerOrigin, clients, Optional.empty());
  }

  public IdentitySpec {
    clients = clients.stream().sorted(Comparator.comparing(OidcClientSpec::clientId)).toList();
  }

  /**
   * The service that gives machines their users' SSH keys
   * ({@code @ReadsAccounts(authorizedKeysToken)}).
   */
  public Optional<OidcClientSpec> authorizedKeys() {
    return clients.stream().filter(c -> c.authorizedKeysToken().isPresent()).findFirst();
  }

  /** The client that answers the front door's {@code auth_request}, if the cluster has one. */
  public Optional<OidcClientSpec> gateway() {
    return clients.stream().filter(OidcClientSpec::gateway).findFirst();
  }
}
