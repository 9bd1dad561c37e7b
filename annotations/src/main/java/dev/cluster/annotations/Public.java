package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opens a {@link Service}'s ports to the internet: its node group's security group admits 0.0.0.0/0
 * on them, and the app binds to every address. Anything else should be reached through the {@link
 * FrontDoor} with a {@link Route}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Public {
  /**
   * Why this service faces the internet itself; written into the security group rule's description.
   */
  String reason();
}
