package dev.cluster.apps.keyservice;

import dev.cluster.apps.common.AppServer;
import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.Settings;
import dev.cluster.apps.common.SignedInUser;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * SSH keys as self-service. Behind the front door's sign-in: {@code GET /keys} lists the user's
 * keys, {@code POST /keys} adds one (refused with the reason: malformed, weak, duplicate), {@code
 * POST /keys/remove} removes one. For the cluster's machines only (bearer token): {@code GET
 * /authorized-keys/<user>[?group=<g>]} answers sshd's AuthorizedKeysCommand with the user's keys,
 * none when the account is gone, disabled or not in {@code g} ({@link Accounts}: asked of Keycloak
 * at every lookup); {@code GET /accounts?group=<g>} lists the members of {@code g} with keys, for
 * the SFTP server to create their accounts.
 */
public final class KeyServiceApp {
  private static final Logger LOG = Logger.getLogger(KeyServiceApp.class.getName());

  private final KeyStore store;
  private final Accounts accounts;
  private final byte[] readToken;
  private final FrontDoorTrust frontDoor;

  public KeyServiceApp(
      KeyStore store, Accounts accounts, String readToken, FrontDoorTrust frontDoor) {
    this.store = store;
    this.accounts = accounts;
    this.readToken = ("Bearer " + readToken).getBytes(StandardCharsets.UTF_8);
    this.frontDoor = frontDoor;
  }

  public static void main(String[] args) throws IOException {
    Settings environment = Settings.fromEnvironment();
    KeyServiceSettings settings = KeyServiceSettings.from(environment);
    KeyStore store = new KeyStore(settings.storage());
    Accounts accounts =
        settings
            .identityProvider()
            .<Accounts>map(
                idp ->
                    new KeycloakAccounts(
                        idp.issuer(),
                        idp.clientId(),
                        idp.clientSecret(),
                        java.time.Clock.systemUTC()))
            .orElseGet(() -> Accounts.asRecorded(store));
    new KeyServiceApp(store, accounts, settings.readToken(), FrontDoorTrust.from(environment))
        .create()
        .start(settings.port());
  }

  public Javalin create() {
    Javalin app = AppServer.create("key-service", frontDoor, config -> {});
    app.get("/", ctx -> ctx.redirect("/keys", HttpStatus.SEE_OTHER));
    app.get("/keys", ctx -> page(ctx, user(ctx), "", HttpStatus.OK));
    app.post("/keys", this::add);
    app.post("/keys/remove", this::remove);
    app.get("/authorized-keys/{user}", this::authorizedKeys);
    app.get("/accounts", this::accounts);
    return app;
  }

  private void add(Context ctx) throws IOException {
    SignedInUser user = user(ctx);
    try {
      PublicKey key = PublicKey.parse(ctx.formParam("key"));
      store.add(user.name(), user.groups(), key);
      LOG.info(() -> user.name() + " added key " + key.fingerprint());
      page(
          ctx, user, "Added " + key.type() + " key " + key.fingerprint() + ".", HttpStatus.CREATED);
    } catch (PublicKey.Refused refused) {
      page(ctx, user, "Key refused: " + refused.getMessage(), HttpStatus.BAD_REQUEST);
    }
  }

  private void remove(Context ctx) throws IOException {
    SignedInUser user = user(ctx);
    String fingerprint = ctx.formParam("fingerprint");
    boolean removed = fingerprint != null && store.remove(user.name(), user.groups(), fingerprint);
    if (removed) {
      LOG.info(() -> user.name() + " removed key " + fingerprint);
    }
    page(
        ctx,
        user,
        removed ? "Removed " + fingerprint + "." : "You have no key " + fingerprint + ".",
        removed ? HttpStatus.OK : HttpStatus.NOT_FOUND);
  }

  /** The accounts an SFTP server creates: members of {@code group} with a key, one a line. */
  private void accounts(Context ctx) throws IOException {
    if (!fromTheCluster(ctx)) {
      return;
    }
    String group = ctx.queryParam("group");
    ctx.contentType("text/plain; charset=utf-8")
        .header("Cache-Control", "no-store")
        .result(
            store.accounts("").stream()
                .filter(u -> admitted(u, group))
                .map(u -> u + "\n")
                .collect(Collectors.joining()));
  }

  /** Whether the request carries the cluster's token; answers 401 when not. */
  private boolean fromTheCluster(Context ctx) {
    String given = ctx.header("Authorization");
    if (given == null
        || !MessageDigest.isEqual(readToken, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.status(HttpStatus.UNAUTHORIZED).result("");
      return false;
    }
    return true;
  }

  private void authorizedKeys(Context ctx) throws IOException {
    if (!fromTheCluster(ctx)) {
      return;
    }
    String user = ctx.pathParam("user");
    if (!KeyStore.validUser(user)) {
      ctx.status(HttpStatus.BAD_REQUEST).result("");
      return;
    }
    UserKeys keys = store.read(user);
    ctx.contentType("text/plain; charset=utf-8")
        .header("Cache-Control", "no-store")
        .result(
            admitted(user, ctx.queryParam("group"))
                ? keys.keys().stream()
                    .map(k -> k.authorizedKeysLine() + "\n")
                    .collect(Collectors.joining())
                : "");
  }

  /** Whether the account exists (and is enabled) now and, if a group is asked for, is in it now. */
  private boolean admitted(String user, String group) {
    return accounts
        .groupsOf(user)
        .map(groups -> group == null || group.isEmpty() || groups.contains(group))
        .orElse(false);
  }

  private static SignedInUser user(Context ctx) {
    SignedInUser user = FrontDoorIdentity.required(ctx);
    if (!KeyStore.validUser(user.name())) {
      throw new io.javalin.http.BadRequestResponse(
          "account name " + user.name() + " cannot log in over SSH");
    }
    return user;
  }

  private void page(Context ctx, SignedInUser user, String message, HttpStatus status)
      throws IOException {
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .result(KeyPage.render(user.name(), store.read(user.name()).keys(), message));
  }
}
