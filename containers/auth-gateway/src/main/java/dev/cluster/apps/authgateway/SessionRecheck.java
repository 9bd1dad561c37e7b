package dev.cluster.apps.authgateway;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Believes a session for at most {@code every} before asking the identity provider again (a refresh
 * token grant): a disabled or removed account, or a session ended there, is refused and the session
 * ends here; a change of groups takes effect. So a revoked user keeps access for at most {@code
 * every}, even when no backchannel logout reaches the gateway. One check per session at a time:
 * requests that arrive meanwhile wait for its answer instead of asking too.
 */
public final class SessionRecheck {
  private static final Logger LOG = Logger.getLogger(SessionRecheck.class.getName());

  private final SessionStore sessions;
  private final IdentityProviderClient provider;
  private final Clock clock;
  private final Duration every;
  private final Map<String, CompletableFuture<Optional<Session>>> running =
      new ConcurrentHashMap<>();

  public SessionRecheck(
      SessionStore sessions, IdentityProviderClient provider, Clock clock, Duration every) {
    this.sessions = sessions;
    this.provider = provider;
    this.clock = clock;
    this.every = every;
  }

  /**
   * The session behind {@code id} as the provider last confirmed it, if it still stands. {@link
   * IOException}: the check was due and the provider did not answer; the session is not believed,
   * but not ended either.
   */
  public Optional<Session> current(String id) throws IOException {
    Optional<Session> found = sessions.find(id);
    if (found.isEmpty() || !found.get().dueForCheck(clock.instant(), every)) {
      return found;
    }
    CompletableFuture<Optional<Session>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Session>> other = running.putIfAbsent(id, mine);
    if (other != null) {
      return await(other);
    }
    try {
      Optional<Session> checked = check(id, found.get());
      mine.complete(checked);
      return checked;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(id, mine);
    }
  }

  private Optional<Session> check(String id, Session session) throws IOException {
    if (session.refreshToken() == null) {
      sessions.revoke(id);
      LOG.info(
          () ->
              "session of "
                  + session.user()
                  + " ended: the provider gave no refresh token to check it with");
      return Optional.empty();
    }
    try {
      IdentityProviderClient.SignedIn again = provider.refresh(session.refreshToken());
      if (!again.subject().equals(session.subject())) {
        throw new IdentityProviderClient.SignInFailed("the provider named another subject");
      }
      Session renewed = session.renewed(again, clock.instant());
      // Changed meanwhile: a logout removed it (that stands) or a check just before this one
      // renewed it.
      return sessions.replace(id, session, renewed) ? Optional.of(renewed) : sessions.find(id);
    } catch (IdentityProviderClient.SignInFailed refused) {
      sessions.revoke(id);
      LOG.info(() -> "session of " + session.user() + " ended: " + refused.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<Session> await(CompletableFuture<Optional<Session>> check)
      throws IOException {
    try {
      return check.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) e.getCause(); // the check completes exceptionally with nothing else
    }
  }
}
