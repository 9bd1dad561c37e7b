package dev.cluster.team;

import dev.cluster.annotations.Env;
import dev.cluster.annotations.Health;
import dev.cluster.annotations.IdentityProvider;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Postgres;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/**
 * The team's accounts and single sign-on (Keycloak, OpenID Connect). Its realm is generated from
 * the groups and the OpenID Connect clients of this package and imported at start; the clients'
 * secrets come from Secrets Manager, and so does its first administrator's password. Two replicas
 * share their sessions through the database. It runs on the MAIN machines because its Postgres
 * members would claim the same ports as Gerrit's on the workers. Its administration is reached only
 * through an SSH tunnel (docs/ACCOUNTS.md).
 */
@Service(
    image = "dev-cluster/keycloak:26.5.6",
    replicas = 2,
    runsOn = Main.class,
    ports = @Port(value = 8081, name = "http"),
    secrets = KeycloakAdminPassword.class,
    env = {
      @Env(name = "KC_BOOTSTRAP_ADMIN_USERNAME", value = "admin"),
      @Env(name = "KC_HOSTNAME", value = "https://id.dev.example.com"),
      // The console is not routed from the internet: admins reach it through an SSH tunnel to port
      // 8081.
      @Env(name = "KC_HOSTNAME_ADMIN", value = "http://127.0.0.1:8081"),
      @Env(name = "KC_HTTP_PORT", value = "8081"),
      @Env(name = "KC_PROXY_HEADERS", value = "xforwarded")
    })
@IdentityProvider(realm = "team")
@Postgres
@Route(subdomain = "id")
@Health(path = "/realms/team")
public class Keycloak {}
