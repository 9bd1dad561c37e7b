package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a group of the team's accounts in the identity provider; {@link Route#allow()} names groups
 * as class literals, so a misspelt group does not compile.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Group {
  /** What the group's members do. */
  String description();

  /** The group's name; defaults to the class's simple name in kebab case. */
  String name() default "";
}
