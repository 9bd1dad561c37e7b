package dev.cluster.apps.apiproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proxy's small decisions: upstream schemes, path patterns, cache lifetimes. */
class ProxyRulesTest {
  private static final Duration DECLARED = Duration.ofSeconds(300);

  @Test
  void upstreamsMustBeHttpsExceptLoopbackUnderTheTestFlag() {
    assertEquals(
        "https://api.example/v1",
        ProxyConfig.upstream("https://api.example/v1/", false).toString());
    assertThrows(
        IllegalArgumentException.class, () -> ProxyConfig.upstream("http://api.example/v1", false));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProxyConfig.upstream("http://127.0.0.1:8080/v1", false));
    assertEquals(
        "http://127.0.0.1:8080/v1",
        ProxyConfig.upstream("http://127.0.0.1:8080/v1", true).toString());
    assertThrows(
        IllegalArgumentException.class, () -> ProxyConfig.upstream("http://10.0.0.5/v1", true));
    assertThrows(IllegalArgumentException.class, () -> ProxyConfig.upstream("/relative", true));
  }

  @Test
  void anApiKeyIsPrintableAsciiAndItsErrorNeverShowsIt() {
    IllegalArgumentException spaced =
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("secret key"));
    assertFalse(spaced.getMessage().contains("secret"), spaced.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ApiKey("secr\u00e9t"));
    assertEquals("ApiKey[redacted]", new ApiKey("secret").toString());
  }

  @Test
  void onePatternSegmentPerStarAnyDepthForTwoStars() {
    assertTrue(PathPattern.of("/forecast/*").matches("/forecast/oslo"));
    assertFalse(PathPattern.of("/forecast/*").matches("/forecast/oslo/today"));
    assertFalse(PathPattern.of("/forecast/*").matches("/forecast"));
    assertTrue(PathPattern.of("/**").matches("/"));
    assertTrue(PathPattern.of("/**").matches("/a/b/c"));
    assertTrue(PathPattern.of("/items/**").matches("/items"));
    assertTrue(PathPattern.of("/items/**").matches("/items/1/parts"));
    assertFalse(PathPattern.of("/items/**").matches("/itemsx"));
    assertFalse(PathPattern.of("/a.b").matches("/aXb"), "dots are literal");
  }

  @Test
  void theSmallerOfTheDeclaredAndTheUpstreamsLifetimeWins() {
    assertEquals(Optional.of(DECLARED), CacheLifetime.of(Optional.empty(), DECLARED));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        CacheLifetime.of(Optional.of("public, max-age=30"), DECLARED));
    assertEquals(Optional.of(DECLARED), CacheLifetime.of(Optional.of("max-age=86400"), DECLARED));
    assertEquals(
        Optional.of(Duration.ofSeconds(10)),
        CacheLifetime.of(Optional.of("max-age=100, s-maxage=10"), DECLARED));
    assertEquals(Optional.empty(), CacheLifetime.of(Optional.of("no-store"), DECLARED));
    assertEquals(Optional.empty(), CacheLifetime.of(Optional.of("Private, max-age=60"), DECLARED));
    assertEquals(Optional.empty(), CacheLifetime.of(Optional.of("no-cache"), DECLARED));
    assertEquals(Optional.empty(), CacheLifetime.of(Optional.of("max-age=0"), DECLARED));
    assertEquals(Optional.empty(), CacheLifetime.of(Optional.empty(), Duration.ZERO));
  }
}
