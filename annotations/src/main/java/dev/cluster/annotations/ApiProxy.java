package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One upstream REST API that a proxy {@link Service} forwards to, adding the API key that only the
 * proxy knows and caching GET responses in its {@link Redis}, where it also counts rate limits: the
 * service must have {@code @Redis} too.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(ApiProxies.class)
public @interface ApiProxy {
  /** The path prefix under the proxy, e.g. {@code "/weather"}; unique per proxy. */
  String prefix();

  /** The upstream's absolute https base URL. */
  String upstream();

  /** The {@link Secret} class holding the API key. */
  Class<?> key();

  /** Where the key goes in the upstream request. */
  KeyLocation keyIn() default KeyLocation.HEADER;

  /** The header or query parameter that carries the key. */
  String keyName() default "Authorization";

  /**
   * Longest time a GET response is served from the cache, in seconds (the upstream may say less).
   */
  int cacheSeconds() default 60;

  /** HTTP methods clients may use. */
  String[] methods() default {"GET"};

  /**
   * Path patterns below {@link #prefix()} clients may use ({@code *} one segment, {@code **} any).
   */
  String[] paths() default {"/**"};

  /** Requests per minute one client may make. */
  int ratePerMinute() default 120;

  /** Where an upstream request carries the key. */
  enum KeyLocation {
    HEADER,
    QUERY
  }
}
