package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@link Service} reads the team's accounts and their groups from the {@link IdentityProvider}
 * with credentials of its own: the realm gets a service-account client for it, allowed to view
 * users only, its secret in Secrets Manager like an {@link OidcClient}'s. The key service uses it,
 * so that an account removed or moved out of a group loses its SSH access at once.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ReadsAccounts {
  /**
   * A {@link Secret} of this service, given to the cluster's machines: with it the service answers
   * their sshd's {@code AuthorizedKeysCommand} at {@code https://<route>/authorized-keys/<user>} as
   * a bearer token, and the front door forwards {@code /authorized-keys/} to it without a sign-in.
   * {@code void}: machines take no keys from it.
   */
  Class<?> authorizedKeysToken() default void.class;
}
