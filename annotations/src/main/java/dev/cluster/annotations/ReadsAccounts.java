package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@link Service} reads the team's accounts and their groups from the {@link IdentityProvider} with
 * credentials of its own: the realm gets a service-account client for it, allowed to view users only, its
 * secret in Secrets Manager like an {@link OidcClient}'s. The key service uses it, so that an account removed
 * or moved out of a group loses its SSH access at once.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ReadsAccounts {}
