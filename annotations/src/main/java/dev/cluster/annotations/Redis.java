package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@link Service} its own Redis: a service {@code <service>-redis} of {@link #replicas()}
 * {@link Elected} instances with its data on a synced volume, reached through an ambassador given
 * to the app as {@code REDIS_HOST}/{@code REDIS_PORT}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Redis {
  /** How many instances campaign; one serves at a time. */
  int replicas() default 3;

  /** Redis's {@code maxmemory}, in MiB. */
  int maxMemoryMb() default 256;

  /**
   * The variables the app reads its Redis from ({@code REDIS_HOST}/{@code REDIS_PORT} by default),
   * for an image that names them its own way; only {@code host}, {@code port} and {@code url}
   * apply.
   */
  DbEnv env() default @DbEnv;
}
