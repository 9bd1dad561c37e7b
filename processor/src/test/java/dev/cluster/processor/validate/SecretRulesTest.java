package dev.cluster.processor.validate;

import dev.cluster.processor.testing.ClusterSources;
import org.junit.jupiter.api.Test;

/**
 * Rules on secrets: declared once, as {@code @Secret} classes, and never written into an
 * {@code @Env}.
 */
class SecretRulesTest {

  private static ClusterSources withApiToken() {
    return ClusterSources.valid()
        .with(
            "ApiToken",
            """
        @Secret(description = "token of the build server's API")
        public class ApiToken {}
        """);
  }

  @Test
  void readingAClassThatIsNotASecretIsAnErrorOnThatEntry() {
    ClusterSources sources =
        withApiToken()
            .with("Helper", "public class Helper {}\n")
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", runsOn = Workers.class,
                secrets = {ApiToken.class,
                    Helper.class})
            public class Web {}
            """);
    Expect.error(
        sources,
        "Web",
        "[secrets] secrets[1] = Helper.class but test.Helper is not a @Secret of cluster demo",
        "Helper.class})");
  }

  @Test
  void readingADeclaredSecretIsFine() {
    Expect.clean(
        withApiToken()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class, secrets = ApiToken.class)
        public class Web {}
        """));
  }

  @Test
  void aSecretNameDeclaredTwiceIsAnError() {
    ClusterSources sources =
        withApiToken()
            .with(
                "Token",
                """
        @Secret(description = "the same token again",
            name = "api-token")
        public class Token {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "Token",
            "[unique-names] the secret name \"api-token\" of class Token is taken by class ApiToken too",
            "name = "),
        new Expect.At(
            "ApiToken",
            "[unique-names] the secret name \"api-token\" of class ApiToken is taken by class"
                + " Token too",
            "@Secret("));
  }

  @Test
  void anEnvThatLooksLikeASecretIsAnErrorOnItsName() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            env = {@Env(name = "JAVA_OPTS", value = "-Xmx1g"),
                   @Env(name = "DB_PASSWORD", value = "hunter2")})
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[env-secret] env DB_PASSWORD of service web looks like a secret",
        "DB_PASSWORD");
  }

  @Test
  void anApiKeyInAnEnvIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            env = @Env(name = "WEATHER_API_KEY", value = "abc123"))
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[env-secret] env WEATHER_API_KEY of service web looks like a secret",
        "WEATHER_API_KEY");
  }

  @Test
  void envNamesThatOnlyContainASecretWordAreFine() {
    Expect.clean(
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            env = {@Env(name = "KEYCLOAK_URL", value = "https://id.example.com"), @Env(name = "MONKEY_MODE", value = "on")})
        public class Web {}
        """));
  }

  @Test
  void secretNameWithASlashIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "ApiToken",
                """
        @Secret(description = "token of the build server's API",
            name = "build/token")
        public class ApiToken {}
        """);
    Expect.error(
        sources,
        "ApiToken",
        "[secret-name] the secret name \"build/token\" of ApiToken is not a Secrets Manager name segment",
        "name = ");
  }

  @Test
  void secretEnvThatIsNotAVariableNameIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "ApiToken",
                """
        @Secret(description = "token of the build server's API",
            env = "API-TOKEN")
        public class ApiToken {}
        """);
    Expect.error(
        sources,
        "ApiToken",
        "[env-names] env = \"API-TOKEN\" of secret api-token is not an environment variable name",
        "env = ");
  }

  @Test
  void envThatAnAmbassadorSetsIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            env = @Env(name = "DB_HOST", value = "localhost"))
        @Postgres
        public class Web {}
        """);
    Expect.error(
        sources,
        "Web",
        "[env-names] env DB_HOST of service web is set already by the ambassador to web-db",
        "DB_HOST");
  }

  @Test
  void twoSecretsOfOneVariableAreAnErrorOnTheSecond() {
    ClusterSources sources =
        withApiToken()
            .with(
                "OtherToken",
                """
            @Secret(description = "another token", env = "API_TOKEN")
            public class OtherToken {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", runsOn = Workers.class,
                secrets = {ApiToken.class,
                    OtherToken.class})
            public class Web {}
            """);
    Expect.error(
        sources,
        "Web",
        "[env-names] secret other-token of service web is given to the app as API_TOKEN, which secret api-token sets already",
        "OtherToken.class})");
  }

  @Test
  void distinctVariablesAreFine() {
    Expect.clean(
        withApiToken()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class, secrets = ApiToken.class,
            env = @Env(name = "JAVA_OPTS", value = "-Xmx1g"))
        @Postgres
        public class Web {}
        """));
  }
}
