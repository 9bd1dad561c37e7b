package dev.cluster.processor.generate.config.apiproxy;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import org.junit.jupiter.api.Test;

/**
 * The real processor writes each proxy service's config, naming the key's variable and never a key.
 */
class ApiProxyConfigGeneratorTest {
  private static ClusterSources withProxy() {
    return ClusterSources.valid()
        .with(
            "WeatherKey",
            """
            @Secret(description = "API key of the weather service", env = "WEATHER_API_KEY")
            public class WeatherKey {}
            """)
        .with(
            "MapsKey",
            """
            @Secret(description = "API key of the maps service")
            public class MapsKey {}
            """)
        .with(
            "Apis",
            """
            @Service(image = "dev-cluster/api-proxy:0.1.0", runsOn = Workers.class,
                ports = @Port(value = 8090, name = "http"), secrets = {WeatherKey.class, MapsKey.class})
            @Redis
            @ApiProxy(prefix = "/weather", upstream = "https://api.weather.example/v2", key = WeatherKey.class,
                keyIn = ApiProxy.KeyLocation.QUERY, keyName = "appid", cacheSeconds = 300,
                paths = {"/forecast/*", "/current"}, ratePerMinute = 30)
            @ApiProxy(prefix = "/maps", upstream = "https://maps.example/api", key = MapsKey.class,
                keyName = "X-Api-Key", methods = {"GET", "POST"})
            public class Apis {}
            """);
  }

  @Test
  void writesOneConfigPerProxyServiceWithTheKeysVariablesSortedByPrefix() {
    Compilation compilation = Compile.cluster(withProxy());
    assertThat(compilation).succeeded();
    String config =
        Compile.generated(compilation, "cluster/demo/config/apis/api-proxy.json").orElseThrow();
    assertEquals(
        """
        {
          "service" : "apis",
          "apis" : [
            {
              "prefix" : "/maps",
              "upstream" : "https://maps.example/api",
              "keyEnv" : "MAPS_KEY",
              "keyIn" : "header",
              "keyName" : "X-Api-Key",
              "cacheSeconds" : 60,
              "methods" : [
                "GET",
                "POST"
              ],
              "paths" : [
                "/**"
              ],
              "ratePerMinute" : 120
            },
            {
              "prefix" : "/weather",
              "upstream" : "https://api.weather.example/v2",
              "keyEnv" : "WEATHER_API_KEY",
              "keyIn" : "query",
              "keyName" : "appid",
              "cacheSeconds" : 300,
              "methods" : [
                "GET"
              ],
              "paths" : [
                "/forecast/*",
                "/current"
              ],
              "ratePerMinute" : 30
            }
          ]
        }
        """,
        config);
  }

  @Test
  void aServiceWithoutApiProxiesGetsNoConfig() {
    Compilation compilation = Compile.cluster(withProxy());
    assertTrue(Compile.generated(compilation, "cluster/demo/config/web/api-proxy.json").isEmpty());
  }
}
