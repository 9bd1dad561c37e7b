package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a group of the team's accounts in the identity provider; {@link Route#allow()} names
 * groups as class literals, so a misspelt group does not compile.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Group {
  /** What the group's members do. */
  String description();

  /** The group's name; defaults to the class's simple name in kebab case. */
  String name() default "";

  /**
   * Members get an account on every machine of the cluster: the machines run the runtime's {@code
   * accounts-sync} every minute (same UID everywhere, locked when they leave the group, removed a
   * week later) with a read-only client {@code accounts-sync} of the identity provider, whose
   * secret is the derived secret {@code accounts-sync-oidc-client-secret}. Their SSH keys come only
   * from the key service ({@link ReadsAccounts#authorizedKeysToken()}).
   */
  boolean machineLogin() default false;

  /**
   * Local groups of the machines that a member's account joins, e.g. {@code {"sudo", "docker"}}
   * (with machineLogin).
   */
  String[] machineGroups() default {};
}
