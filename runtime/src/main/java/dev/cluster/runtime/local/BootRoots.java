package dev.cluster.runtime.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.stack.BootConfigs;
import dev.cluster.runtime.dns.DnsUpdaterAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Each node group's machine root as its first boot on EC2 leaves it: real Ignition applies the
 * launch template's user data (its Refs at local values) and merges the group's config object from
 * the jar, checked by its SHA-512, then the units Ignition enabled (its preset file) are enabled in
 * the root as systemd's first boot would.
 */
final class BootRoots {
  /**
   * A parameter without a default, such as the hosted zone the local cluster has not: Route 53's
   * updater then has nothing to do.
   */
  static final String NO_VALUE = DnsUpdaterAgent.NO_ZONE;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PRESETS = "etc/systemd/system-preset/20-ignition.preset";

  /** One group's applied root, and whether its machines run fleet. */
  record BootRoot(String group, Path root, List<String> zones) {
    boolean runsFleet() {
      return Files.isRegularFile(root.resolve("etc/systemd/system/fleet.service"));
    }
  }

  private BootRoots() {}

  static Map<String, BootRoot> apply(ClusterDescriptor cluster, Set<String> groups, Path work) {
    JsonNode template = template(cluster);
    Map<String, String> refs = localRefs(cluster, template);
    Map<String, BootRoot> roots = new LinkedHashMap<>();
    try (Ignition ignition = new Ignition(work)) {
      for (BootConfigs.BootConfig config : BootConfigs.of(cluster)) {
        if (!groups.contains(config.group())) {
          continue;
        }
        LocalUserData boot = LocalUserData.of(template, config.group(), refs);
        Ignition.Applied applied =
            ignition.apply(config.group(), boot.userData(), config.key(), config.bytes());
        if (applied.exitCode() != 0) {
          throw new DeployException(
              "Ignition could not apply node group "
                  + config.group()
                  + "'s boot:\n"
                  + applied.log());
        }
        enablePresets(applied.root());
        roots.put(config.group(), new BootRoot(config.group(), applied.root(), boot.zones()));
      }
    }
    return roots;
  }

  /**
   * What CloudFormation would put in: the region, a made-up account, each parameter's default (or
   * {@value #NO_VALUE}: the local cluster has no hosted zone or bucket; for the hosted zone it is
   * the DNS updater's "nothing to update", {@link DnsUpdaterAgent#NO_ZONE}), each resource's
   * logical id as its physical one.
   */
  private static Map<String, String> localRefs(ClusterDescriptor cluster, JsonNode template) {
    Map<String, String> refs = new HashMap<>();
    template
        .path("Parameters")
        .fields()
        .forEachRemaining(
            parameter ->
                refs.put(
                    parameter.getKey(), parameter.getValue().path("Default").asText(NO_VALUE)));
    template
        .path("Resources")
        .fieldNames()
        .forEachRemaining(
            resource -> refs.put(resource, "local-" + resource.toLowerCase(Locale.ROOT)));
    refs.put("AWS::StackName", cluster.name());
    refs.put("AWS::Region", cluster.defaultRegion());
    refs.put("AWS::AccountId", "000000000000");
    refs.put("AWS::URLSuffix", "amazonaws.com");
    return refs;
  }

  private static void enablePresets(Path root) {
    try {
      Files.deleteIfExists(root.resolve("etc/selinux/config"));
      Path presets = root.resolve(PRESETS);
      if (!Files.exists(presets)) {
        return;
      }
      List<String> units = new ArrayList<>();
      try (Stream<String> lines = Files.lines(presets)) {
        lines
            .map(String::strip)
            .filter(line -> line.startsWith("enable "))
            .forEach(line -> units.add(line.substring(7).strip()));
      }
      if (units.isEmpty()) {
        return;
      }
      List<String> command = new ArrayList<>(List.of("systemctl", "--root=" + root, "enable"));
      command.addAll(units);
      ProcessRunner.Result enabled = ProcessRunner.run(command, Duration.ofMinutes(1));
      if (!enabled.ok()) {
        throw new DeployException(
            "systemctl could not enable " + units + " in " + root + ": " + enabled.all().strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode template(ClusterDescriptor cluster) {
    try {
      return JSON.readTree(ClasspathResource.read(cluster.templateResource()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
