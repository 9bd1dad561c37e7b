package dev.cluster.processor.validate;

import dev.cluster.processor.testing.ClusterSources;
import org.junit.jupiter.api.Test;

/** Rules on {@code @ApiProxy}: prefixes, upstream URLs, keys. */
class ApiProxyRulesTest {

  private static ClusterSources withProxy(String proxies) {
    return ClusterSources.valid()
        .with(
            "WeatherKey",
            """
            @Secret(description = "key of the weather API")
            public class WeatherKey {}
            """)
        .with(
            "Proxy",
            """
            @Service(image = "example/api-proxy:1.0", runsOn = Workers.class, ports = @Port(8090),
                secrets = WeatherKey.class)
            @Redis
            """
                + proxies
                + "\npublic class Proxy {}\n");
  }

  @Test
  void proxyOfOneUpstreamIsFine() {
    Expect.clean(
        withProxy(
            "@ApiProxy(prefix = \"/weather\", upstream = \"https://api.weather.example/v1\", key = WeatherKey.class)"));
  }

  @Test
  void upstreamOverPlainHttpIsAnErrorOnUpstream() {
    ClusterSources sources =
        withProxy(
            """
        @ApiProxy(prefix = "/weather", key = WeatherKey.class,
            upstream = "http://api.weather.example/v1")""");
    Expect.error(
        sources,
        "Proxy",
        "[api-proxy-upstream] upstream = \"http://api.weather.example/v1\" of service proxy is not an absolute https URL",
        "upstream = ");
  }

  @Test
  void relativeUpstreamIsAnError() {
    ClusterSources sources =
        withProxy(
            """
        @ApiProxy(prefix = "/weather", key = WeatherKey.class,
            upstream = "/v1/weather")""");
    Expect.error(
        sources,
        "Proxy",
        "[api-proxy-upstream] upstream = \"/v1/weather\" of service proxy is not an absolute https URL",
        "upstream = ");
  }

  @Test
  void keyThatIsNotASecretIsAnErrorOnKey() {
    ClusterSources sources =
        withProxy(
                """
        @ApiProxy(prefix = "/weather", upstream = "https://api.weather.example/v1",
            key = Helper.class)""")
            .with("Helper", "public class Helper {}\n");
    Expect.error(
        sources,
        "Proxy",
        "[api-proxy-key] key = Helper.class but test.Helper is not a @Secret of cluster demo",
        "key = ");
  }

  @Test
  void keyTheServiceDoesNotListAmongItsSecretsIsAnErrorOnKey() {
    ClusterSources sources =
        withProxy(
                """
        @ApiProxy(prefix = "/maps", upstream = "https://api.maps.example/v1",
            key = MapsKey.class)""")
            .with(
                "MapsKey",
                """
        @Secret(description = "key of the maps API")
        public class MapsKey {}
        """);
    Expect.error(
        sources,
        "Proxy",
        "[api-proxy-key] key = MapsKey.class is not among the secrets of service proxy",
        "key = ");
  }

  @Test
  void prefixWithoutLeadingSlashIsAnError() {
    ClusterSources sources =
        withProxy(
            """
        @ApiProxy(upstream = "https://api.weather.example/v1", key = WeatherKey.class,
            prefix = "weather")""");
    Expect.error(
        sources,
        "Proxy",
        "[api-proxy-prefix] prefix = \"weather\" of service proxy must be a path like \"/weather\"",
        "prefix = ");
  }

  // javac's Messager cannot find the source of an annotation it wrapped in its repeatable
  // container; the
  // reporter finds it in the source trees, so a problem with the second @ApiProxy lands on its
  // line.
  @Test
  void twoUpstreamsOfOnePrefixAreAnError() {
    ClusterSources sources =
        withProxy(
            """
        @ApiProxy(prefix = "/weather", upstream = "https://api.weather.example/v1", key = WeatherKey.class)
        @ApiProxy(prefix = "/weather", upstream = "https://backup.weather.example/v1", key = WeatherKey.class)""");
    Expect.error(
        sources,
        "Proxy",
        "[api-proxy-prefix] prefix = \"/weather\" of service proxy already leads to https://api.weather.example/v1",
        "backup.weather.example");
  }

  @Test
  void proxyWithoutRedisIsAnErrorOnItsFirstApiProxy() {
    ClusterSources sources =
        withProxy("")
            .with(
                "Proxy",
                """
        @Service(image = "example/api-proxy:1.0", runsOn = Workers.class, ports = @Port(8090),
            secrets = WeatherKey.class)
        @ApiProxy(prefix = "/weather", upstream = "https://api.weather.example/v1", key = WeatherKey.class)
        @ApiProxy(prefix = "/maps", upstream = "https://maps.example/api", key = WeatherKey.class)
        public class Proxy {}
        """);
    Expect.error(
        sources,
        "Proxy",
        "[api-proxy-redis] @ApiProxy of service proxy counts rate limits and caches"
            + " responses in the service's own @Redis, but Proxy has none",
        "prefix = \"/weather\"");
  }

  @Test
  void twoUpstreamsOfTwoPrefixesAreFine() {
    Expect.clean(
        withProxy(
            """
        @ApiProxy(prefix = "/weather", upstream = "https://api.weather.example/v1", key = WeatherKey.class)
        @ApiProxy(prefix = "/maps", upstream = "https://maps.example/api", key = WeatherKey.class)"""));
  }
}
