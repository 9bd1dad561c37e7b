package dev.cluster.processor.model;

/** What a service is: the team's own app, or a database the model derives for an app. */
public enum ServiceKind {
  /** Declared with {@code @Service}. */
  APP,
  /** {@code <app>-db}, derived from {@code @Postgres}: Patroni members. */
  POSTGRES,
  /** {@code <app>-redis}, derived from {@code @Redis}: an elected singleton. */
  REDIS,
  /** {@code <app>-mariadb}, derived from {@code @MariaDb}: an elected singleton. */
  MARIADB
}
