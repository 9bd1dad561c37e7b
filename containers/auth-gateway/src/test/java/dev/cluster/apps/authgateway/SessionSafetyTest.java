package dev.cluster.apps.authgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own checks that need no identity provider: cookies, expiry, where it redirects to.
 */
class SessionSafetyTest {
  @Test
  void aCookieValueTheGatewayDidNotSignIsRefused() {
    SessionCookie cookie = new SessionCookie();
    String signed = cookie.sign("session-id");
    assertEquals(Optional.of("session-id"), cookie.verify(signed));
    assertEquals(Optional.empty(), cookie.verify("session-id"));
    assertEquals(
        Optional.empty(), cookie.verify("other-id" + signed.substring(signed.indexOf('.'))));
    assertEquals(Optional.empty(), cookie.verify(signed + "x"));
    assertEquals(Optional.empty(), new SessionCookie().verify(signed), "another gateway's key");
    assertEquals(Optional.empty(), cookie.verify(null));
  }

  @Test
  void anExpiredSessionIsGone() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    SessionStore store = new SessionStore(Clock.fixed(now, ZoneOffset.UTC));
    String live = store.create(session(now.plus(Duration.ofMinutes(1))));
    String dead = store.create(session(now));
    assertTrue(store.find(live).isPresent());
    assertTrue(store.find(dead).isEmpty());
  }

  @Test
  void theGatewayOnlyReturnsToTheClustersOwnHosts() {
    String domain = "dev.example.com";
    assertEquals(
        Optional.of(URI.create("https://review.dev.example.com/c/1?x=y")),
        ReturnTo.parse("https://review.dev.example.com/c/1?x=y", domain));
    assertTrue(ReturnTo.parse("https://dev.example.com/", domain).isPresent());
    for (String foreign :
        List.of(
            "https://evil.example.com/",
            "https://dev.example.com.evil.com/",
            "https://evildev.example.com/",
            "javascript:alert(1)",
            "//evil.com/",
            "https://user@review.dev.example.com/",
            "ftp://review.dev.example.com/",
            "")) {
      assertEquals(Optional.empty(), ReturnTo.parse(foreign, domain), foreign);
    }
  }

  @Test
  void membersOfAnyAllowedGroupMayUseTheService() {
    Session alice = session(Instant.MAX);
    assertTrue(alice.mayUse(List.of()));
    assertTrue(alice.mayUse(List.of("admins", "developers")));
    assertTrue(!alice.mayUse(List.of("admins")));
  }

  private static Session session(Instant expires) {
    return new Session(
        "alice",
        List.of("developers"),
        "id-token",
        "subject",
        "sid",
        "refresh-token",
        Instant.MIN,
        expires);
  }
}
