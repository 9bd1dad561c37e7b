package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment variables under which an app reads its own database ({@link Postgres#env()},
 * {@link MariaDb#env()}, {@link Redis#env()}), for an image that names them its own way. Each
 * attribute left empty keeps the conventional name: {@code DB_HOST}, {@code DB_PORT}, {@code
 * DB_USER}, {@code DB_PASSWORD}, {@code DB_NAME} for Postgres; {@code MYSQL_HOST}, ... for MariaDB;
 * {@code REDIS_HOST}, {@code REDIS_PORT} for Redis (which has no user, password or database name).
 * A renamed variable replaces the conventional one.
 *
 * <p>For example, Grafana: {@code @Postgres(env = @DbEnv(host = "GF_DATABASE_HOST", user =
 * "GF_DATABASE_USER", password = "GF_DATABASE_PASSWORD", database = "GF_DATABASE_NAME"))};
 * Prometheus's Postgres exporter, which reads one connection URL: {@code @Postgres(env = @DbEnv(url
 * = "DATA_SOURCE_NAME"))}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface DbEnv {
  /** The variable holding the address the app connects to (its ambassador on the machine). */
  String host() default "";

  /** The variable holding the port the app connects to. */
  String port() default "";

  /** The variable holding the user the app logs in as. */
  String user() default "";

  /**
   * The variable holding that user's password, filled from Secrets Manager when the app's unit
   * starts.
   */
  String password() default "";

  /** The variable holding the database's name. */
  String database() default "";

  /**
   * A variable that also gets the whole connection as one URL, or empty for none. Its form is the
   * engine's: {@code postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable} (the members
   * speak no TLS; the ambassador is on the app's machine), {@code
   * mysql://USER:PASSWORD@HOST:PORT/DATABASE}, {@code redis://HOST:PORT}. It holds the password, so
   * like the password it is filled from Secrets Manager when the unit starts, never written into
   * the unit; the password is percent-encoded in it.
   */
  String url() default "";
}
