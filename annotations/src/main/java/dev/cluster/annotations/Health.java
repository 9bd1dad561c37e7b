package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How to tell that a {@link Service}'s instance is healthy: an HTTP GET answered with 2xx or 3xx.
 * The ambassadors of the services that use it check it and send connections only to instances that
 * answer; the presence agent announces every running instance and probes nothing. Without it, an
 * open TCP port counts as healthy.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Health {
  /** The path to GET, e.g. {@code "/healthz"}. */
  String path() default "/";

  /** Which of the service's ports answers it; 0 means its first port. */
  int port() default 0;
}
