package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@link Service} its own MariaDB: a service {@code <service>-mariadb} of {@link
 * #replicas()} {@link Elected} instances with its data on a synced volume, reached through an
 * ambassador given to the app as {@code MYSQL_HOST}/{@code MYSQL_PORT}, with {@code MYSQL_NAME} the
 * database and {@code MYSQL_USER} (of the same name) its user, whose password {@code
 * MYSQL_PASSWORD} is in Secrets Manager. That user has every right on that database and no other;
 * MariaDB's root logs in only through the server's local socket.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MariaDb {
  /** How many instances campaign; one serves at a time. */
  int replicas() default 3;

  /** The database's name; defaults to the service's name with dashes as underscores. */
  String database() default "";

  /**
   * The variables the app reads its database from ({@code MYSQL_*} by default), for an image that
   * names them its own way.
   */
  DbEnv env() default @DbEnv;
}
