package dev.cluster.processor.validate;

import dev.cluster.processor.testing.ClusterSources;
import org.junit.jupiter.api.Test;

/** Rules on secrets: declared once, as {@code @Secret} classes, and never written into an {@code @Env}. */
class SecretRulesTest {

  private static ClusterSources withApiToken() {
    return ClusterSources.valid().with("ApiToken", """
        @Secret(description = "token of the build server's API")
        public class ApiToken {}
        """);
  }

  @Test
  void readingAClassThatIsNotASecretIsAnErrorOnThatEntry() {
    ClusterSources sources = withApiToken()
        .with("Helper", "public class Helper {}\n")
        .with("Web", """
            @Service(image = "example/web:1.0", runsOn = Workers.class,
                secrets = {ApiToken.class,
                    Helper.class})
            public class Web {}
            """);
    Expect.error(sources, "Web", "[secrets] secrets[1] = Helper.class but test.Helper is not a @Secret of cluster demo", "Helper.class})");
  }

  @Test
  void readingADeclaredSecretIsFine() {
    Expect.clean(withApiToken().with("Web", """
        @Service(image = "example/web:1.0", runsOn = Workers.class, secrets = ApiToken.class)
        public class Web {}
        """));
  }

  @Test
  void aSecretNameDeclaredTwiceIsAnError() {
    ClusterSources sources = withApiToken().with("Token", """
        @Secret(description = "the same token again",
            name = "api-token")
        public class Token {}
        """);
    Expect.error(sources, "Token", "[unique-names] the secret name \"api-token\" is already taken by test.ApiToken", "name = ");
  }

  @Test
  void anEnvThatLooksLikeASecretIsAnErrorOnItsName() {
    ClusterSources sources = ClusterSources.valid().with("Web", """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            env = {@Env(name = "JAVA_OPTS", value = "-Xmx1g"),
                   @Env(name = "DB_PASSWORD", value = "hunter2")})
        public class Web {}
        """);
    Expect.error(sources, "Web", "[env-secret] env DB_PASSWORD of service web looks like a secret", "DB_PASSWORD");
  }

  @Test
  void anApiKeyInAnEnvIsAnError() {
    ClusterSources sources = ClusterSources.valid().with("Web", """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            env = @Env(name = "WEATHER_API_KEY", value = "abc123"))
        public class Web {}
        """);
    Expect.error(sources, "Web", "[env-secret] env WEATHER_API_KEY of service web looks like a secret", "WEATHER_API_KEY");
  }

  @Test
  void envNamesThatOnlyContainASecretWordAreFine() {
    Expect.clean(ClusterSources.valid().with("Web", """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            env = {@Env(name = "KEYCLOAK_URL", value = "https://id.example.com"), @Env(name = "MONKEY_MODE", value = "on")})
        public class Web {}
        """));
  }
}
