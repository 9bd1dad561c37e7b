package dev.cluster.processor.generate.nodes;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.cluster.processor.generate.template.UserDataLimit;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import dev.cluster.processor.testing.RealIgnition;
import dev.cluster.processor.testing.UserDataRoom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large cluster compiled with the real processor: 300 services (240 on eight WORKER groups, 60 on
 * four DATA groups, whose units are boot files), 60 secrets, 13 node groups. Its user data stays
 * far below EC2's 16,384 bytes, since the boot files are in each group's config object; real
 * Ignition validates both and applies them, fetching the object over HTTP and checking its SHA-512.
 */
class LargeClusterBootConfigTest {
  private static final int WORKER_GROUPS = 8;
  private static final int DATA_GROUPS = 4;
  private static final int WORKER_SERVICES = 240;
  private static final int DATA_SERVICES = 60;
  private static final int SECRETS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Compilation compilation;
  private static JsonNode template;

  @TempDir Path work;

  @BeforeAll
  static void compileTheLargeCluster() throws Exception {
    compilation = Compile.cluster(large());
    assertThat(compilation).succeeded();
    template =
        JSON.readTree(Compile.generated(compilation, "cluster/demo/template.json").orElseThrow());
  }

  /**
   * {@link ClusterSources#valid()} grown to 300 services; each worker service reads a secret and
   * uses a DATA service.
   */
  static ClusterSources large() {
    ClusterSources sources = ClusterSources.valid().without("Web").without("Workers");
    for (int g = 0; g < WORKER_GROUPS; g++) {
      sources.with(
          "Workers" + g,
          """
          @NodeGroup(role = Role.WORKER, min = 2, max = 6, instanceTypes = {"m6i.large", "m6a.large"})
          public class Workers%d {}
          """
              .formatted(g));
    }
    for (int g = 0; g < DATA_GROUPS; g++) {
      sources.with(
          "Data" + g,
          """
          @NodeGroup(role = Role.DATA, size = 3, instanceTypes = {"r6i.large", "r6a.large"})
          public class Data%d {}
          """
              .formatted(g));
    }
    for (int s = 0; s < SECRETS; s++) {
      sources.with(
          "Secret" + s,
          """
          @Secret(description = "credential number %d of the large cluster")
          public class Secret%d {}
          """
              .formatted(s, s));
    }
    for (int d = 0; d < DATA_SERVICES; d++) {
      sources.with(
          "Store" + d,
          """
          @Service(image = "example/store%d:1.0", runsOn = Data%d.class, ports = @Port(value = %d, name = "store"))
          public class Store%d {}
          """
              .formatted(d, d % DATA_GROUPS, 20000 + d, d));
    }
    for (int s = 0; s < WORKER_SERVICES; s++) {
      sources.with(
          "App" + s,
          """
          @Service(image = "example/app%d:1.0", replicas = 2, runsOn = Workers%d.class,
              ports = @Port(value = %d, name = "http"), uses = Store%d.class, secrets = Secret%d.class,
              env = @Env(name = "INDEX", value = "%d"))
          public class App%d {}
          """
              .formatted(s, s % WORKER_GROUPS, 10000 + s, s % DATA_SERVICES, s % SECRETS, s, s));
    }
    return sources;
  }

  @Test
  void everyLaunchTemplatesUserDataFitsWithRoomAndIsMeasuredAtItsLongest() {
    List<UserDataLimit.Measured> measured = UserDataLimit.measure(template);
    assertEquals(1 + WORKER_GROUPS + DATA_GROUPS, measured.size(), measured.toString());
    UserDataRoom.assertRoomAndPrint("large", measured);
  }

  @Test
  void eachUserDataMergesItsGroupsConfigObjectByItsSha512() throws Exception {
    for (RealIgnition.Boot boot : RealIgnition.boots(template)) {
      String group = boot.key().split("/")[2];
      assertTrue(boot.key().matches("demo/nodes/" + group + "/[0-9a-f]{128}\\.ign"), boot.key());
      byte[] object = object(boot.key());
      assertEquals(
          boot.sha512Hex(),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(object)));
      assertEquals("demo/nodes/" + group + "/" + boot.sha512Hex() + ".ign", boot.key());
    }
  }

  @Test
  void realIgnitionValidatesAndAppliesEveryGroupsBootFetchingTheObjectOverHttp() throws Exception {
    try (RealIgnition ignition = new RealIgnition(work)) {
      Map<String, Path> roots = ignition.checkAll(template, LargeClusterBootConfigTest::object);
      Path main = roots.get("MainLaunchTemplate");
      assertTrue(
          Files.isRegularFile(main.resolve("etc/systemd/system/etcd-member.service")),
          roots.toString());
      assertTrue(
          Files.readString(main.resolve("etc/cluster/cluster.env")).startsWith("CLUSTER=demo\n"));
      Path data = roots.get("Data0LaunchTemplate");
      assertTrue(
          Files.isRegularFile(data.resolve("etc/systemd/system/store0.service")),
          "DATA units come from the object");
      assertTrue(
          Files.isRegularFile(
              roots.get("Workers7LaunchTemplate").resolve("etc/systemd/system/fleet.service")));
    }
  }

  @Test
  void realIgnitionRefusesAnObjectWhoseHashDiffers() throws Exception {
    RealIgnition.Boot boot =
        RealIgnition.boots(template).stream()
            .filter(b -> b.launchTemplate().equals("MainLaunchTemplate"))
            .findFirst()
            .orElseThrow();
    byte[] tampered =
        new String(object(boot.key()), StandardCharsets.UTF_8)
            .replace("etcd member of cluster", "etcd member of klaster")
            .getBytes(StandardCharsets.UTF_8);
    try (RealIgnition ignition = new RealIgnition(work)) {
      ignition.validate("tampered.ign", new String(tampered, StandardCharsets.UTF_8));
      RealIgnition.Applied applied = ignition.apply(boot, tampered);
      assertNotEquals(0, applied.exitCode(), applied.log());
      assertTrue(applied.log().contains("hash"), applied.log());
      assertFalse(
          Files.exists(applied.root().resolve("etc/systemd/system/etcd-member.service")),
          "nothing applied");
    }
  }

  /** The object at a key, from the group's outputs, as the deploy client uploads it. */
  private static byte[] object(String key) {
    String group = key.split("/")[2];
    return Compile.generated(
            compilation, "cluster/demo/nodes/" + group + "/" + BootConfig.FILE_NAME)
        .orElseThrow()
        .getBytes(StandardCharsets.UTF_8);
  }
}
