package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.processor.generate.nodes.BootConfig;
import dev.cluster.processor.generate.template.UserDataLimit;
import dev.cluster.processor.naming.TemplateParameterNames;
import dev.cluster.processor.testing.RealIgnition;
import dev.cluster.processor.testing.UserDataRoom;
import dev.cluster.runtime.deploy.stack.BootConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * team-cluster's machines as EC2 would boot them: every launch template's user data, with every Ref
 * at its longest value, is far below EC2's 16,384 raw bytes; it and the config it merges in pass
 * real {@code ignition-validate}, and real Ignition applies them to a throwaway root, fetching the
 * config over HTTP and checking its SHA-512; the deploy client uploads each config under the key
 * the user data names.
 */
class TeamBootConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private static JsonNode template() {
    try {
      return JSON.readTree(ProjectFiles.OUTPUTS.resolve("template.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] object(String key) {
    try {
      return Files.readAllBytes(
          ProjectFiles.OUTPUTS.resolve("nodes/" + key.split("/")[2] + "/" + BootConfig.FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyUserDataFitsEc2sLimitWithRoom() {
    List<UserDataLimit.Measured> measured = UserDataLimit.measure(template());
    assertEquals(
        Set.of(
            "MainLaunchTemplate",
            "DataNodesLaunchTemplate",
            "WorkersLaunchTemplate",
            "EdgeLaunchTemplate"),
        measured.stream().map(UserDataLimit.Measured::launchTemplate).collect(Collectors.toSet()));
    UserDataRoom.assertRoomAndPrint("team", measured);
  }

  @Test
  void realIgnitionValidatesAndAppliesEveryGroupsBoot() throws Exception {
    try (RealIgnition ignition = new RealIgnition(work)) {
      Map<String, Path> roots = ignition.checkAll(template(), TeamBootConfigTest::object);
      Path main = roots.get("MainLaunchTemplate");
      assertTrue(
          Files.isRegularFile(main.resolve("etc/systemd/system/etcd-member.service")),
          roots.toString());
      assertTrue(
          Files.readString(main.resolve("etc/cluster/snapshots.env"))
              .startsWith("SNAPSHOT_BUCKET=xxx"),
          "a deploy-time file comes from the user data, its Ref filled in by the stack");
      assertTrue(
          Files.readString(main.resolve("etc/cluster/cluster.env")).startsWith("CLUSTER=team\n"));
    }
  }

  @Test
  void theDeployClientUploadsEachConfigUnderTheKeyItsUserDataNamesAndFillsItsBucketParameter() {
    assertEquals(TemplateParameterNames.BOOT_CONFIG_BUCKET, BootConfigs.BUCKET_PARAMETER);
    assertEquals(BootConfig.FILE_NAME, BootConfigs.FILE_NAME);
    assertTrue(template().at("/Parameters").has(BootConfigs.BUCKET_PARAMETER));
    Set<String> named =
        RealIgnition.boots(template()).stream()
            .map(RealIgnition.Boot::key)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> uploaded =
        BootConfigs.of(TeamCluster.DESCRIPTOR).stream()
            .map(BootConfigs.BootConfig::key)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(named, uploaded);
  }
}
