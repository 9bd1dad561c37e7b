package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Service} that signs users in itself with OpenID Connect: the identity provider's
 * realm gets a client for it, its secret stored in Secrets Manager and given to the app.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OidcClient {
  /** The path under the service's host that the identity provider redirects back to. */
  String redirectPath() default "/oauth2/callback";
}
