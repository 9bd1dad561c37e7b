package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link Service} that answers the {@link FrontDoor}'s {@code auth_request}: it signs
 * users in at the {@link IdentityProvider} (an OpenID Connect client of its own, like {@link
 * OidcClient}) and tells nginx who they are and whether their groups may use the requested service.
 *
 * <p>The front door routes {@code <subdomain>.<domain>} of its {@link Route} without a sign-in (it
 * is where the sign-in happens); without an auth gateway, the front door answers 503 on every route
 * that needs one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AuthGateway {
  /** The path under the gateway's host that the identity provider redirects back to. */
  String redirectPath() default "/callback";
}
