package dev.cluster.runtime.ambassador;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.testing.Binaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered configuration must satisfy HAProxy itself, warnings included. */
class HaproxyConfigTest {

  @TempDir Path dir;

  private void assertHaproxyAccepts(AmbassadorConfig config) throws Exception {
    Path haproxy = Binaries.require("haproxy", "haproxy");
    Path cfg = dir.resolve(config.name() + ".cfg");
    Files.writeString(cfg, HaproxyConfig.render(config, dir.resolve("admin.sock")));
    Process check =
        new ProcessBuilder(haproxy.toString(), "-c", "-dW", "-f", cfg.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(
        0, check.waitFor(), "haproxy -c -dW rejected:\n" + Files.readString(cfg) + "\n" + output);
  }

  @Test
  void leaderModeWithPatroniTargetPassesHaproxyCheck() throws Exception {
    assertHaproxyAccepts(
        AmbassadorConfig.fromJson(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    """
                {"name": "postgres", "listenPort": 15432, "mode": "leader",
                 "target": {"kind": "patroni", "scope": "pg"},
                 "healthCheck": {"kind": "http", "path": "/primary", "port": 8008, "intervalMs": 500}}""")));
  }

  @Test
  void allModeWithHttpCheckPassesHaproxyCheck() throws Exception {
    AmbassadorConfig web =
        new AmbassadorConfig(
            "web",
            "127.0.0.1",
            18080,
            AmbassadorConfig.Mode.ALL,
            new Target.Instances("web", "http"),
            new HealthCheck(HealthCheck.Kind.HTTP, Optional.of("/health"), Optional.empty(), 500),
            8);
    assertHaproxyAccepts(web);
    assertTrue(HaproxyConfig.render(web, dir.resolve("s")).contains("server-template slot 1-8 "));
  }

  @Test
  void aHealthCheckPortProbesAnotherPortThanTheTraffics() {
    AmbassadorConfig pg =
        new AmbassadorConfig(
            "pg",
            "127.0.0.1",
            15432,
            AmbassadorConfig.Mode.LEADER,
            new Target.PatroniLeader("pg", "/service/"),
            new HealthCheck(HealthCheck.Kind.HTTP, Optional.of("/primary"), Optional.of(8008), 500),
            16);
    String rendered = HaproxyConfig.render(pg, dir.resolve("s"));
    assertTrue(rendered.contains("option httpchk GET /primary\n"), rendered);
    assertTrue(rendered.contains(" rise 1 fall 2 port 8008 "), rendered);
    assertTrue(
        rendered.contains("server-template slot 1-2 "), "leader mode needs two slots: " + rendered);
  }

  @Test
  void clientsOutsideThePodsSubnetAreRejectedAndHaproxyAcceptsTheRule() throws Exception {
    AmbassadorConfig pg =
        new AmbassadorConfig(
            "pg",
            "10.222.90.161",
            15432,
            List.of("10.222.90.160/29"),
            AmbassadorConfig.Mode.LEADER,
            new Target.PatroniLeader("pg", "/service/"),
            HealthCheck.tcp(1000),
            2);
    String rendered = HaproxyConfig.render(pg, dir.resolve("s"));
    assertTrue(
        rendered.contains(
            "    bind 10.222.90.161:15432\n    tcp-request connection reject unless { src 10.222.90.160/29 }\n"),
        rendered);
    assertHaproxyAccepts(pg);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new AmbassadorConfig(
                "pg",
                "127.0.0.1",
                15432,
                List.of("10.222.90.160"),
                AmbassadorConfig.Mode.LEADER,
                new Target.PatroniLeader("pg", "/service/"),
                HealthCheck.tcp(1000),
                2));
  }

  @Test
  void modeMustFitTheTarget() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new AmbassadorConfig(
                "x",
                "127.0.0.1",
                1000,
                AmbassadorConfig.Mode.LEADER,
                new Target.Instances("web", "http"),
                HealthCheck.tcp(1000),
                4));
  }
}
