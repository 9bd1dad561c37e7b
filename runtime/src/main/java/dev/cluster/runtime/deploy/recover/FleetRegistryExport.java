package dev.cluster.runtime.deploy.recover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.fleet.DesiredState;
import dev.cluster.runtime.deploy.fleet.UnitFileParser;
import dev.cluster.runtime.deploy.fleet.UnitOption;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The units in fleet's v2 key space as a snapshot holds it ({@code fleet-v2.json}), read the way
 * fleet's etcd registry stores them: {@code /_coreos.com/fleet/job/NAME/object} is {@code {"Name",
 * "UnitHash": [20 bytes]}}, {@code .../job/NAME/target-state} the desired state, and {@code
 * /_coreos.com/fleet/unit/HEX} (the SHA-1 in hex) {@code {"Raw": unit file}}. A job whose unit file
 * is missing is skipped, as fleet does.
 */
public final class FleetRegistryExport {
  private static final String PREFIX = "/_coreos.com/fleet/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One unit fleet had: its options and desired state. */
  public record ExportedUnit(String name, List<UnitOption> options, DesiredState desiredState) {
    public ExportedUnit {
      options = List.copyOf(options);
    }
  }

  private FleetRegistryExport() {}

  /** The units, by name; none when fleet had written nothing (etcd's "Key not found" answer). */
  public static List<ExportedUnit> units(byte[] v2Answer) {
    JsonNode root;
    try {
      root = JSON.readTree(v2Answer);
    } catch (IOException e) {
      throw new DeployException("fleet-v2.json is not etcd's JSON answer: " + e.getMessage());
    }
    Map<String, String> values = new HashMap<>();
    flatten(root.path("node"), values);
    List<ExportedUnit> units = new ArrayList<>();
    values.keySet().stream()
        .filter(k -> k.startsWith(PREFIX + "job/") && k.endsWith("/object"))
        .sorted()
        .forEach(
            key -> {
              String job = key.substring(0, key.length() - "/object".length());
              try {
                JsonNode object = JSON.readTree(values.get(key));
                byte[] hash = new byte[object.path("UnitHash").size()];
                for (int i = 0; i < hash.length; i++) {
                  hash[i] = (byte) object.path("UnitHash").get(i).asInt();
                }
                String unitFile = values.get(PREFIX + "unit/" + HexFormat.of().formatHex(hash));
                if (unitFile == null) {
                  return;
                }
                String name = object.path("Name").asText();
                DesiredState state =
                    DesiredState.fromWire(values.getOrDefault(job + "/target-state", "inactive"))
                        .orElse(DesiredState.INACTIVE);
                units.add(
                    new ExportedUnit(
                        name,
                        UnitFileParser.parse(name, JSON.readTree(unitFile).path("Raw").asText()),
                        state));
              } catch (IOException | IllegalArgumentException e) {
                throw new DeployException(
                    "fleet-v2.json: cannot read " + key + ": " + e.getMessage());
              }
            });
    return List.copyOf(units);
  }

  private static void flatten(JsonNode node, Map<String, String> values) {
    if (node.has("value")) {
      values.put(node.path("key").asText(), node.path("value").asText());
    }
    node.path("nodes").forEach(child -> flatten(child, values));
  }
}
