package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@link Service} its own MariaDB: a service {@code <service>-mariadb} of {@link #replicas()}
 * {@link Elected} instances with its data on a synced volume, reached through an ambassador given to the
 * app as {@code MYSQL_HOST}/{@code MYSQL_PORT}; its password in Secrets Manager.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MariaDb {
  /** How many instances campaign; one serves at a time. */
  int replicas() default 3;

  /** The database's name; defaults to the service's name with dashes as underscores. */
  String database() default "";
}
