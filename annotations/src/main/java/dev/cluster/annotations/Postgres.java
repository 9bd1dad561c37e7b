package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@link Service} its own highly available PostgreSQL database.
 *
 * <p>Generates a database service {@code <service>-db}: {@link #replicas()} Patroni members on
 * distinct machines of the same node group, electing their leader through etcd with streaming
 * replication, each with its generated Patroni configuration; and in the using service's pod an
 * ambassador that follows the elected leader, given to the app as {@code DB_HOST}/{@code DB_PORT}
 * (or the names of {@link #env()}).
 *
 * <p>The app logs in as its own role ({@code DB_USER}: the service's name with dashes as
 * underscores), which owns {@link #database()} and nothing else: no superuser, no role creation, no
 * replication. Its password is the secret {@code <service>-db-password} ({@code DB_PASSWORD});
 * Patroni's superuser {@code postgres}, its replication user and its rewind user each have their
 * own secret ({@code <service>-db-superuser-password}, {@code -replication-password}, {@code
 * -rewind-password}), which only the database's members read. The first member creates the role and
 * the database when it bootstraps the cluster.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Postgres {
  /** The PostgreSQL major version the database image runs. */
  int version() default 17;

  /** How many Patroni members; 3 or more to survive the loss of a machine. */
  int replicas() default 3;

  /**
   * Synchronous replication, strict: a commit returns only once a standby has it, so failover never
   * loses an acknowledged write; with no standby left, commits wait for one to come back rather
   * than go on alone.
   */
  boolean synchronous() default true;

  /** The database's name; defaults to the service's name with dashes as underscores. */
  String database() default "";

  /** The variables the app reads its database from, for an image that names them its own way. */
  DbEnv env() default @DbEnv;
}
