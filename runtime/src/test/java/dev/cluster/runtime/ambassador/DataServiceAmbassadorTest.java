package dev.cluster.runtime.ambassador;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.LineClient;
import dev.cluster.runtime.testing.NamedEchoServer;
import dev.cluster.runtime.testing.Processes;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DATA group's service reached through its user's ambassador, with the processor's own outputs
 * (its golden model: the front door uses the DATA service search): each DATA machine runs the
 * presence command line of {@code nodes/data/search-presence.service} (instance {@code %m}, the
 * machine's id), and the front door's ambassador runs from {@code
 * config/ambassadors/front/search.json}; real etcd, real HAProxy.
 */
class DataServiceAmbassadorTest {
  private static final Path GOLDEN =
      Path.of("../processor/src/test/resources/golden/units-and-configs");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(1);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private Processes processes;

  @BeforeEach
  void setUp() {
    Binaries.require("haproxy", "haproxy");
    processes = new Processes();
  }

  @AfterEach
  void tearDown() {
    processes.close();
  }

  /** The agent's arguments in the unit's ExecStart, as the machine's systemd would pass them. */
  private static List<String> presenceArgs(String machineId, int port) throws Exception {
    String unit = Files.readString(GOLDEN.resolve("nodes/data/search-presence.service"));
    String execStart =
        unit.substring(unit.indexOf("ExecStart=")).split("\nExec")[0].replace("\\\n", " ");
    List<String> words = Arrays.stream(execStart.trim().split("\\s+")).toList();
    List<String> args = new ArrayList<>();
    for (String word : words.subList(words.indexOf("presence"), words.size())) {
      args.add(
          word.replace("%m", machineId)
              .replace("${PRIVATE_IP}", "127.0.0.1")
              .replace("http://127.0.0.1:2379", ETCD.endpoints())
              .replace("http=9200", "http=" + port));
    }
    assertTrue(
        args.containsAll(List.of("--instance", machineId)),
        "the unit names its instance by %m: " + args);
    return args;
  }

  private int startFrontDoorsAmbassador() throws Exception {
    ObjectNode config =
        (ObjectNode) JSON.readTree(GOLDEN.resolve("config/ambassadors/front/search.json").toFile());
    int port = FreePorts.next();
    // The pod network's gateway is on the cluster's machines only: here the pod's subnet is
    // 127.0.0.1 alone, and 127.0.0.2 stands for another container of the machine.
    assertTrue(
        config.path("clients").size() == 1
            && config.path("clients").get(0).asText().endsWith("/29"),
        config.toString());
    config.put("listenAddress", "127.0.0.1").put("listenPort", port);
    config.putArray("clients").add("127.0.0.1/32");
    Path file = dir.resolve("search.json");
    JSON.writeValue(file.toFile(), config);
    processes.startAgent(
        List.of(
            "ambassador",
            "--etcd",
            ETCD.endpoints(),
            "--config",
            file.toString(),
            "--run-dir",
            dir.resolve("ambassador").toString()),
        dir.resolve("ambassador.log"));
    return port;
  }

  @Test
  void onlyThePodsOwnSubnetReachesItsAmbassador() throws Exception {
    try (NamedEchoServer data = new NamedEchoServer("data-1")) {
      processes.startAgent(
          presenceArgs("3f1c0d2e9a8b4c7d6e5f4a3b2c1d0e9f", data.port()),
          dir.resolve("presence-1.log"));
      int port = startFrontDoorsAmbassador();
      InetAddress pod = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      InetAddress otherContainer = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});

      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(30), () -> "data-1".equals(LineClient.whoServes(pod, port))),
          "the pod's own app must be served");
      for (int i = 0; i < 5; i++) {
        assertNull(
            LineClient.whoServes(otherContainer, port),
            "a client outside the pod's subnet must be refused");
      }
      assertEquals("data-1", LineClient.whoServes(pod, port));
    }
  }

  @Test
  void theFrontDoorReachesEveryDataMachineAndLosesOneWhoseServiceStops() throws Exception {
    try (NamedEchoServer first = new NamedEchoServer("data-1");
        NamedEchoServer second = new NamedEchoServer("data-2")) {
      processes.startAgent(
          presenceArgs("3f1c0d2e9a8b4c7d6e5f4a3b2c1d0e9f", first.port()),
          dir.resolve("presence-1.log"));
      Process secondPresence =
          processes.startAgent(
              presenceArgs("a9b8c7d6e5f40312a9b8c7d6e5f40312", second.port()),
              dir.resolve("presence-2.log"));
      int port = startFrontDoorsAmbassador();

      Set<String> seen = new HashSet<>();
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(30),
              () -> {
                seen.add(LineClient.whoServes(port));
                return seen.containsAll(Set.of("data-1", "data-2"));
              }),
          "both DATA machines must be served, saw " + seen);

      Processes.terminate(secondPresence);
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(10),
              () -> {
                Set<String> now = new HashSet<>();
                for (int i = 0; i < 6; i++) {
                  now.add(LineClient.whoServes(port));
                }
                return now.equals(Set.of("data-1"));
              }),
          "a machine whose presence stopped must leave the backend");
    }
  }
}
