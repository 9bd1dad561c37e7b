package dev.cluster.apps.authgateway;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions by a random 256-bit id. The browser holds only the id (signed, see {@link
 * SessionCookie}); revoking a session here ends it at once for every service behind the front door.
 */
public final class SessionStore {
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public SessionStore(Clock clock) {
    this.clock = clock;
  }

  public String create(Session session) {
    byte[] id = new byte[32];
    random.nextBytes(id);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    sessions.put(key, session);
    return key;
  }

  public Optional<Session> find(String id) {
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(session.expires())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  /**
   * Replaces {@code before} by {@code after}, unless the session was revoked or replaced meanwhile.
   */
  public boolean replace(String id, Session before, Session after) {
    return sessions.replace(id, before, after);
  }

  public Optional<Session> revoke(String id) {
    return Optional.ofNullable(sessions.remove(id));
  }

  /**
   * Ends the sessions the provider's backchannel logout names: those of its session {@code sid}
   * when it gives one, else every session of subject {@code sub}. Returns how many ended.
   */
  public int revokeAtProvider(String subject, String providerSession) {
    int before = sessions.size();
    sessions
        .values()
        .removeIf(
            s ->
                providerSession != null
                    ? providerSession.equals(s.providerSession())
                    : s.subject().equals(subject));
    return before - sessions.size();
  }
}
