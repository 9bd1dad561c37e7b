package dev.cluster.apps.apiproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy reads team-cluster's generated {@code api-proxy.json} as its unit hands it over:
 * mounted where the app looks by default, with the key in the environment variable the file names.
 */
class TeamClusterConfigTest {
  private static final String OUTPUTS = "/cluster/team/";

  private static String resource(String path) throws IOException {
    try (InputStream in = TeamClusterConfigTest.class.getResourceAsStream(OUTPUTS + path)) {
      assertNotNull(
          in, OUTPUTS + path + " is not on the class path: team-cluster's build generates it");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theGeneratedConfigIsReadWithTheKeyTheUnitHandsOver(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(dir.resolve("api-proxy.json"), resource("config/apis/api-proxy.json"));
    ProxyConfig config = ProxyConfig.read(file, new Settings(Map.of("WEATHER_KEY", "k-123")));
    assertEquals("apis", config.service());
    assertEquals(1, config.apis().size());
    ProxiedApi weather = config.apis().get(0);
    assertEquals("/weather", weather.prefix());
    assertEquals(URI.create("https://api.weather.example/v2"), weather.upstream());
    assertEquals(ProxiedApi.KeyLocation.QUERY, weather.keyIn());
    assertEquals("appid", weather.keyName());
    assertEquals(Duration.ofSeconds(300), weather.longestCache());
    assertEquals(Set.of("GET"), weather.methods());

    String unit = resource("units/apis@.service");
    assertTrue(
        unit.contains("WEATHER_KEY=team/weather-key"),
        "the unit gives the key under the file's name:\n" + unit);
    assertTrue(
        unit.contains(
            "-v /run/cluster/config/apis/api-proxy.json:/etc/api-proxy/api-proxy.json:ro"),
        unit);
    assertFalse(unit.contains("API_PROXY_CONFIG"), "the app's default path, no override");
  }
}
