package dev.cluster.processor.generate.config.realm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.model.OidcClientSpec;
import dev.cluster.processor.model.ServiceSpec;

/**
 * The realm in Keycloak's import format: its groups (one per {@code @Group}) and one confidential
 * client per OpenID Connect client of the model (authorization code flow with PKCE only, redirect
 * URIs on the client's own host, a {@code groups} claim of the user's group names). A client's
 * secret is never in the file: it is the placeholder {@code ${<CLIENT>_OIDC_CLIENT_SECRET}}, which
 * Keycloak fills from its environment when it imports the realm at start ({@code --import-realm}).
 */
public final class RealmExport {
  /** Ten hours, the auth gateway's session: a working day signed in once. */
  static final int SESSION_SECONDS = 10 * 60 * 60;

  private RealmExport() {}

  /**
   * Five wrong passwords in a row lock the account for a minute, each further failure a minute
   * longer, at most fifteen; a lockout is never permanent, so guessing cannot shut a user out for
   * good. The failures are forgotten after twelve hours; a failure less than a second after the
   * previous one locks for a minute.
   */
  private static void bruteForceProtection(ObjectNode realm) {
    realm.put("bruteForceProtected", true);
    realm.put("permanentLockout", false);
    realm.put("failureFactor", 5);
    realm.put("waitIncrementSeconds", 60);
    realm.put("maxFailureWaitSeconds", 900);
    realm.put("minimumQuickLoginWaitSeconds", 60);
    realm.put("quickLoginCheckMilliSeconds", 1000);
    realm.put("maxDeltaTimeSeconds", 12 * 60 * 60);
  }

  public static String json(ClusterModel model, PublicUrls urls) {
    ObjectNode realm = Json.object();
    realm.put("realm", model.identity().realm());
    realm.put("enabled", true);
    realm.put("sslRequired", "external");
    realm.put("registrationAllowed", false);
    realm.put("resetPasswordAllowed", false);
    bruteForceProtection(realm);
    // The auth gateway re-checks each session with a refresh token every few seconds; an idle time
    // shorter than
    // the session would end it at the first pause (Keycloak's default idle time is 30 minutes).
    realm.put("ssoSessionIdleTimeout", SESSION_SECONDS);
    realm.put("ssoSessionMaxLifespan", SESSION_SECONDS);
    ArrayNode groups = realm.putArray("groups");
    for (GroupSpec group : model.groups()) {
      ObjectNode node = groups.addObject();
      node.put("name", group.name());
      node.put("path", "/" + group.name());
      node.putObject("attributes").putArray("description").add(group.description());
    }
    ArrayNode clients = realm.putArray("clients");
    ArrayNode users = realm.putArray("users");
    for (OidcClientSpec client : model.identity().clients()) {
      model
          .service(client.serviceId())
          .ifPresent(
              service ->
                  clients.add(
                      client.signsIn()
                          ? client(model, urls, client, service)
                          : serviceAccountClient(client.clientId(), client.secretEnv())));
      if (client.readsAccounts()) {
        users.add(serviceAccount(client.clientId(), "view-users"));
      }
    }
    model
        .identity()
        .machineAccounts()
        .ifPresent(
            machines -> {
              clients.add(
                  serviceAccountClient(
                      machines.clientId(), OidcClientSpec.secretEnv(machines.clientId())));
              // accounts-sync finds its groups by name, then reads their members
              users.add(serviceAccount(machines.clientId(), "view-users", "query-groups"));
            });
    return Json.pretty(realm);
  }

  /**
   * A client that only reads accounts: no browser flow, its own credentials (client credentials
   * grant).
   */
  private static ObjectNode serviceAccountClient(String clientId, String secretEnv) {
    ObjectNode node = Json.object();
    node.put("clientId", clientId);
    node.put("enabled", true);
    node.put("protocol", "openid-connect");
    node.put("publicClient", false);
    node.put("clientAuthenticatorType", "client-secret");
    node.put("secret", "${" + secretEnv + "}");
    node.put("standardFlowEnabled", false);
    node.put("implicitFlowEnabled", false);
    node.put("directAccessGrantsEnabled", false);
    node.put("serviceAccountsEnabled", true);
    return node;
  }

  /** The client's service account, allowed to view users (and so their groups) and nothing else. */
  private static ObjectNode serviceAccount(String clientId, String... roles) {
    ObjectNode user = Json.object();
    user.put("username", "service-account-" + clientId);
    user.put("enabled", true);
    user.put("serviceAccountClientId", clientId);
    ArrayNode granted = user.putObject("clientRoles").putArray("realm-management");
    for (String role : roles) {
      granted.add(role);
    }
    return user;
  }

  private static ObjectNode client(
      ClusterModel model, PublicUrls urls, OidcClientSpec client, ServiceSpec service) {
    String base =
        urls.of(model, service)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "validation (oidc-client) lets no OpenID Connect client through without a @Route: "
                            + service.name()));
    ObjectNode node = Json.object();
    node.put("clientId", client.clientId());
    node.put("name", service.name());
    node.put("enabled", true);
    node.put("protocol", "openid-connect");
    node.put("publicClient", false);
    node.put("clientAuthenticatorType", "client-secret");
    node.put("secret", "${" + client.secretEnv() + "}");
    node.put("standardFlowEnabled", true);
    node.put("implicitFlowEnabled", false);
    node.put("directAccessGrantsEnabled", false);
    node.put("serviceAccountsEnabled", client.readsAccounts());
    node.put("frontchannelLogout", false);
    node.putArray("redirectUris").add(base + client.redirectPath());
    node.putArray("webOrigins").add(base);
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("pkce.code.challenge.method", "S256");
    attributes.put("post.logout.redirect.uris", base + "/*");
    if (client.gateway()) {
      // Keycloak tells the gateway when a session ends anywhere (admin, another client), so its
      // cookie dies too.
      attributes.put("backchannel.logout.url", base + "/backchannel-logout");
      attributes.put("backchannel.logout.session.required", "true");
    }
    ObjectNode mapper = node.putArray("protocolMappers").addObject();
    mapper.put("name", "groups");
    mapper.put("protocol", "openid-connect");
    mapper.put("protocolMapper", "oidc-group-membership-mapper");
    ObjectNode config = mapper.putObject("config");
    config.put("claim.name", "groups");
    config.put("full.path", "false");
    config.put("id.token.claim", "true");
    config.put("access.token.claim", "true");
    config.put("userinfo.token.claim", "true");
    return node;
  }
}
