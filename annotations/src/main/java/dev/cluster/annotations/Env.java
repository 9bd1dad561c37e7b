package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One environment variable of a {@link Service}'s app, written into its unit. Never a secret. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Env {
  /** The variable's name, e.g. {@code "JAVA_OPTS"}. */
  String name();

  /** The variable's value. */
  String value();
}
