package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a secret that services read with {@link Service#secrets()}. Its value lives only in AWS
 * Secrets Manager as {@code <cluster>/<name>}, set with {@code team-cluster.jar secrets set};
 * {@code deploy} refuses to start units while a declared secret is missing.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Secret {
  /** What the secret is, for whoever sets it. */
  String description();

  /**
   * The environment variable the app reads it from; defaults to the class name in upper snake case.
   */
  String env() default "";

  /** The secret's name; defaults to the class's simple name in kebab case. */
  String name() default "";
}
