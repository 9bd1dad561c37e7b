package dev.cluster.processor.validate;

import dev.cluster.processor.testing.ClusterSources;
import org.junit.jupiter.api.Test;

/** [db-env], [postgres-role] and the names of a database's {@code @DbEnv} in [env-names]. */
class DbEnvRulesTest {
  @Test
  void renamedVariablesAndAUrlAreFine() {
    Expect.clean(
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/grafana:11", runsOn = Workers.class, ports = @Port(3000))
        @Postgres(env = @DbEnv(host = "GF_DATABASE_HOST", port = "GF_DATABASE_PORT", user = "GF_DATABASE_USER",
            password = "GF_DATABASE_PASSWORD", database = "GF_DATABASE_NAME", url = "GF_DATABASE_URL"))
        @Redis(env = @DbEnv(url = "CACHE_URL"))
        public class Web {}
        """));
  }

  @Test
  void aRenameThatIsNotAVariableNameIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/grafana:11", runsOn = Workers.class)
        @Postgres(env = @DbEnv(
            host = "GF-DATABASE-HOST"))
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[db-env] env.host = \"GF-DATABASE-HOST\" of @Postgres on web is not an environment"
            + " variable name",
        "GF-DATABASE-HOST");
  }

  @Test
  void aUserForRedisIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @Redis(env = @DbEnv(host = "CACHE_HOST",
            password = "CACHE_PASSWORD"))
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[db-env] env.password = \"CACHE_PASSWORD\" of @Redis on web names nothing: Redis has"
            + " no user, password or database name here",
        "CACHE_PASSWORD");
  }

  @Test
  void oneVariableForTwoAttributesIsAnErrorOnTheLater() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @MariaDb(env = @DbEnv(host = "DATABASE",
            database = "DATABASE"))
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[db-env] env.database = \"DATABASE\" of @MariaDb on web is env.host's variable already",
        "database = \"DATABASE\"");
  }

  @Test
  void aRenameOntoAConventionalNameOfTheSameDatabaseIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @Postgres(env = @DbEnv(
            user = "DB_HOST"))
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[db-env] env.user = \"DB_HOST\" of @Postgres on web is env.host's variable already",
        "user = \"DB_HOST\"");
  }

  @Test
  void anEnvOfTheAppThatARenameSetsIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/grafana:11", runsOn = Workers.class,
            env = @Env(name = "GF_DATABASE_HOST", value = "localhost"))
        @Postgres(env = @DbEnv(host = "GF_DATABASE_HOST"))
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[env-names] env GF_DATABASE_HOST of service web is set already by the ambassador to"
            + " web-db",
        "GF_DATABASE_HOST\", value");
  }

  @Test
  void twoDatabasesUnderOneVariableAreAnErrorOnTheLaterDatabase() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @Postgres(env = @DbEnv(url = "DATABASE_URL", port = "PG_PORT"))
        @Redis(env = @DbEnv(
            url = "DATABASE_URL"))
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[env-names] env.url = \"DATABASE_URL\" of web-redis for service web is set already by"
            + " the ambassador to web-db",
        "url = \"DATABASE_URL\"))");
  }

  @Test
  void aRenamedPasswordThatASecretOfTheAppSetsIsAnErrorOnThatSecret() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "AdminPassword",
                """
            @Secret(description = "the admin's password", env = "GF_SECURITY_ADMIN_PASSWORD")
            public class AdminPassword {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/grafana:11", runsOn = Workers.class,
                secrets = AdminPassword.class)
            @Postgres(env = @DbEnv(
                password = "GF_SECURITY_ADMIN_PASSWORD"))
            public class Web {}
            """);
    Expect.error(
        sources,
        "Web",
        "[env-names] secret web-db-password of service web is given to the app as"
            + " GF_SECURITY_ADMIN_PASSWORD, which secret admin-password sets already; give env.password another name",
        "password = \"GF_SECURITY_ADMIN_PASSWORD\"");
  }

  @Test
  void aServiceWhoseRoleWouldBePatronisSuperuserIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(name = "postgres", image = "example/web:1.0", runsOn = Workers.class)
        @Postgres
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[postgres-role] the app of postgres-db would log in to it as role postgres, which is"
            + " one of Patroni's own users",
        "@Postgres");
  }
}
