package dev.cluster.processor.model;

import java.util.Optional;

/**
 * A service that signs users in with OpenID Connect ({@code @OidcClient}, or the
 * {@code @AuthGateway}), or that reads accounts with credentials of its own
 * ({@code @ReadsAccounts}: {@code signsIn} false): the realm gets a confidential client of the
 * service's name whose secret is the derived secret {@code secretId}, handed to the service and to
 * the identity provider as the variable {@link #secretEnv}. {@code authorizedKeysToken}: the
 * {@code @Secret} with which machines ask it for SSH keys ({@code @ReadsAccounts}).
 */
public record OidcClientSpec(
    String serviceId,
    String clientId,
    String redirectPath,
    String secretId,
    boolean gateway,
    boolean signsIn,
    boolean readsAccounts,
    Optional<String> authorizedKeysToken,
    Origin origin) {
  /** A client that signs users in (an {@code @OidcClient} or the gateway). */
  public OidcClientSpec(
      String serviceId,
      String clientId,
      String redirectPath,
      String secretId,
      boolean gateway,
      Origin origin) {
    this(
        serviceId,
        clientId,
        redirectPath,
        secretId,
        gateway,
        true,
        false,
        Optional.empty(),
        origin);
  }

  /** A client that serves no SSH keys to the machines. */
  public OidcClientSpec(
      String serviceId,
      String clientId,
      String redirectPath,
      String secretId,
      boolean gateway,
      boolean signsIn,
      boolean readsAccounts,
      Origin origin) {
    this(
        serviceId,
        clientId,
        redirectPath,
        secretId,
        gateway,
        signsIn,
        readsAccounts,
        Optional.empty(),
        origin);
  }

  /** The variable both the client and the identity provider read the client's secret from. */
  public static String secretEnv(String clientId) {
    return Names.envName(clientId) + "_OIDC_CLIENT_SECRET";
  }

  public String secretEnv() {
    return secretEnv(clientId);
  }
}
