package dev.cluster.runtime.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.NodeScripts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local etcd proxy's configuration as the machines' boot renders it ({@code
 * etcd-proxy-config}).
 */
class EtcdProxyConfigTest {

  @TempDir Path dir;

  @Test
  void whatTheBootWritesPassesHaproxysOwnCheckWithWarningsAsErrors() throws Exception {
    Binaries.require("haproxy", "haproxy");
    NodeScripts.Run run =
        NodeScripts.run(
            "etcd-proxy-config",
            Map.of(),
            "127.0.0.1:2379",
            "i-0aaa=10.0.1.5:2379",
            "i-0bbb=10.0.2.5:2379",
            "i-0ccc=10.0.3.5:2379");
    assertEquals(0, run.exitCode(), run.output());
    Path config = dir.resolve("etcd-proxy.cfg");
    Files.writeString(config, run.output());
    Process check =
        new ProcessBuilder(
                "bash",
                Path.of(System.getProperty("basedir", "."))
                    .resolve("../scripts/check-haproxy.sh")
                    .normalize()
                    .toString(),
                config.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, check.waitFor(), output);
    assertTrue(run.output().contains("server i-0bbb 10.0.2.5:2379 check"), run.output());
    assertTrue(run.output().contains("on-marked-down shutdown-sessions"), run.output());
  }

  @Test
  void aMemberThatIsNotNameEqualsHostPortIsNamedAndNothingIsPrinted() {
    NodeScripts.Run run =
        NodeScripts.run(
            "etcd-proxy-config", Map.of(), "127.0.0.1:2379", "i-0aaa=10.0.1.5:2379", "10.0.2.5");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.output().contains("member '10.0.2.5' is not NAME=HOST:PORT"), run.output());
    assertFalse(
        run.output().contains("listen etcd"), "no half-written configuration: " + run.output());
  }
}
