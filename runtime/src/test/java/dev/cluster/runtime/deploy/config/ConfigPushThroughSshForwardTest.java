package dev.cluster.runtime.deploy.config;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static dev.cluster.runtime.etcd.Etcd.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy client reaches the machines' etcd through an ssh port forward ({@code --tunnel} runs
 * {@code ssh -N -L LOCAL:127.0.0.1:2379}); jetcd speaks gRPC (HTTP/2) to it, which must pass such a
 * forward. Here a real OpenSSH sshd on a free loopback port and a real ssh client forward a local
 * port to a real one-member etcd, and {@code units submit --etcd-url} stores the config files
 * through that forward (fleet is {@link InProcessFleetServer}, not fleet itself).
 */
class ConfigPushThroughSshForwardTest {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(1);

  @Test
  void unitsSubmitStoresTheConfigFilesThroughAnSshPortForward(@TempDir Path dir) throws Exception {
    Path sshd = Binaries.require("sshd", "openssh-server");
    Path ssh = Binaries.require("ssh", "openssh-client");
    Path keygen = Binaries.require("ssh-keygen", "openssh-client");
    try (Processes processes = new Processes();
        InProcessFleetServer fleet = new InProcessFleetServer(10);
        Client etcd = ETCD.emptiedClient()) {
      Path hostKey = dir.resolve("host_ed25519");
      Path userKey = dir.resolve("user_ed25519");
      for (Path key : List.of(hostKey, userKey)) {
        Process made =
            new ProcessBuilder(
                    keygen.toString(), "-q", "-N", "", "-t", "ed25519", "-f", key.toString())
                .redirectErrorStream(true)
                .start();
        assertEquals(0, made.waitFor(), new String(made.getInputStream().readAllBytes()));
      }
      Files.copy(dir.resolve("user_ed25519.pub"), dir.resolve("authorized_keys"));
      int sshPort = FreePorts.next();
      Path config = dir.resolve("sshd_config");
      Files.writeString(
          config,
          String.join(
                  "\n",
                  "Port " + sshPort,
                  "ListenAddress 127.0.0.1",
                  "HostKey " + hostKey,
                  "PidFile none",
                  "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                  // the key lies in a test's temporary folder, not in a home sshd would check the
                  // modes of
                  "StrictModes no",
                  "PasswordAuthentication no",
                  "KbdInteractiveAuthentication no",
                  "PermitRootLogin prohibit-password",
                  "UsePAM no",
                  "AllowTcpForwarding local",
                  "X11Forwarding no",
                  "LogLevel VERBOSE")
              + "\n");
      // sshd refuses to start without its privilege separation folder, which only the package's
      // service makes
      Files.createDirectories(Path.of("/run/sshd"));
      processes.start(
          List.of(sshd.toString(), "-D", "-e", "-f", config.toString()), dir.resolve("sshd.log"));
      assertNotNull(Eventually.within(WITHIN, () -> accepting(sshPort)), "sshd listens");

      int forwarded = FreePorts.next();
      int etcdPort = URI.create(ETCD.endpoints().split(",")[0]).getPort();
      processes.start(
          List.of(
              ssh.toString(),
              "-N",
              "-o",
              "ExitOnForwardFailure=yes",
              "-o",
              "BatchMode=yes",
              "-o",
              "StrictHostKeyChecking=no",
              "-o",
              "UserKnownHostsFile=/dev/null",
              "-i",
              userKey.toString(),
              "-p",
              String.valueOf(sshPort),
              "-L",
              forwarded + ":127.0.0.1:" + etcdPort,
              System.getProperty("user.name") + "@127.0.0.1"),
          dir.resolve("ssh.log"));
      assertNotNull(
          Eventually.within(WITHIN, () -> accepting(forwarded)),
          () -> "the forward opens: " + log(dir.resolve("ssh.log")) + log(dir.resolve("sshd.log")));

      CliRun run =
          CliRun.run(
              TestClusters.teamNamed("cfgtest"),
              "units",
              "submit",
              "--fleet-url",
              fleet.url().toString(),
              "--etcd-url",
              "http://127.0.0.1:" + forwarded);

      assertEquals(0, run.exitCode(), run + log(dir.resolve("sshd.log")));
      assertEquals(
          List.of(
              "/cluster/cfgtest/config/gerrit/ambassadors/postgres.json",
              "/cluster/cfgtest/config/nginx/nginx.conf"),
          etcd
              .getKVClient()
              .get(bytes("/"), GetOption.builder().isPrefix(true).build())
              .get(10, TimeUnit.SECONDS)
              .getKvs()
              .stream()
              .map(kv -> text(kv.getKey()))
              .sorted()
              .toList());
    }
  }

  private static boolean accepting(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String log(Path file) {
    try {
      return Files.exists(file)
          ? "\n--- " + file.getFileName() + "\n" + Files.readString(file)
          : "";
    } catch (IOException e) {
      return "\n(" + file + " unreadable: " + e + ")";
    }
  }
}
