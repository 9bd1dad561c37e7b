package dev.cluster.runtime.config;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code config-get} as a separate JVM against a real one-member etcd. */
class ConfigGetAgentTest {

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(1);

  @TempDir Path dir;
  private Processes processes;
  private Client etcd;

  @BeforeEach
  void connect() {
    processes = new Processes();
    etcd = ETCD.client();
  }

  @AfterEach
  void cleanUp() {
    processes.close();
    etcd.close();
  }

  private record Run(int exit, String log) {}

  private Run configGet(String... keyOutPairs) throws Exception {
    List<String> args = new ArrayList<>(List.of("config-get", "--etcd", ETCD.endpoints()));
    for (int i = 0; i < keyOutPairs.length; i += 2) {
      args.addAll(List.of("--key", keyOutPairs[i], "--out", keyOutPairs[i + 1]));
    }
    Path log = Files.createTempFile(dir.getParent(), "config-get", ".log");
    Process agent = processes.startAgent(args, log);
    assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "config-get did not exit");
    Run run = new Run(agent.exitValue(), Files.readString(log));
    Files.delete(log);
    return run;
  }

  private void put(String key, byte[] value) throws Exception {
    etcd.getKVClient().put(bytes(key), ByteSequence.from(value)).get(5, TimeUnit.SECONDS);
  }

  private List<String> filesIn(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesEachKeysBytesToItsFile() throws Exception {
    byte[] nginx = "server {\n  listen 80;\n}\n".getBytes(StandardCharsets.UTF_8);
    byte[] binary = {0, 1, 2, (byte) 0xff, '\n'};
    put("/cluster/team/config/nginx/nginx.conf", nginx);
    put("/cluster/team/config/app/blob.bin", binary);
    Path nginxOut = dir.resolve("nginx.conf");
    Files.writeString(nginxOut, "old");

    Run run =
        configGet(
            "/cluster/team/config/nginx/nginx.conf",
            nginxOut.toString(),
            "/cluster/team/config/app/blob.bin",
            dir.resolve("blob.bin").toString());

    assertEquals(0, run.exit(), run.log());
    assertArrayEquals(nginx, Files.readAllBytes(nginxOut));
    assertArrayEquals(binary, Files.readAllBytes(dir.resolve("blob.bin")));
    assertEquals(
        List.of("blob.bin", "nginx.conf"), filesIn(dir), "no temporary file may be left behind");
  }

  @Test
  void aMissingKeyIsNamedAndNoFileIsWritten() throws Exception {
    put("/cluster/team/config/present.conf", "here".getBytes(StandardCharsets.UTF_8));

    Run run =
        configGet(
            "/cluster/team/config/present.conf",
            dir.resolve("present.conf").toString(),
            "/cluster/team/config/absent.conf",
            dir.resolve("absent.conf").toString());

    assertEquals(1, run.exit(), run.log());
    assertTrue(run.log().contains("missing in etcd: /cluster/team/config/absent.conf"), run.log());
    assertEquals(List.of(), filesIn(dir), "not even the present key's file may be written");
  }

  @Test
  void unpairedKeysAreACommandLineError() throws Exception {
    Path log = Files.createTempFile(dir.getParent(), "config-get", ".log");
    Process agent =
        processes.startAgent(List.of("config-get", "--etcd", ETCD.endpoints(), "--key", "/a"), log);
    assertTrue(agent.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, agent.exitValue(), Files.readString(log));
  }
}
