package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link Service} (Keycloak) that holds the team's accounts. Its realm, with every {@link
 * Group} and every {@link OidcClient}, is generated and imported when it starts.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface IdentityProvider {
  /** The realm's name. */
  String realm() default "team";
}
