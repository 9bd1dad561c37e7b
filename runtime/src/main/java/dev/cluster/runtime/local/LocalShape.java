package dev.cluster.runtime.local;

import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.runtime.deploy.cli.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many machines each node group gets on the one machine of {@code local up}. By default MAIN
 * and DATA groups get their declared minimum, because their boot waits for that many machines of
 * the group ({@code cluster-peers main SIZE}: etcd's initial cluster; {@code cluster-peers data
 * SIZE GROUP}: the data engines' peers), and every other group gets at most {@value #WORKERS}:
 * enough for fleet to move units between two machines, few enough for a laptop. {@code --machines
 * GROUP=N} overrides one group (0 leaves it out).
 */
public record LocalShape(Map<String, Integer> machines) {
  static final int WORKERS = 2;

  public LocalShape {
    machines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(machines));
  }

  public static LocalShape of(List<NodeGroupInfo> groups, List<String> overrides) {
    Map<String, Integer> machines = new LinkedHashMap<>();
    for (NodeGroupInfo group : groups) {
      boolean waitsForItsSize = group.role().equals("MAIN") || group.role().equals("DATA");
      machines.put(
          group.name(),
          waitsForItsSize
              ? Math.max(1, group.minSize())
              : Math.min(WORKERS, Math.max(1, group.minSize())));
    }
    for (String override : overrides) {
      String[] groupCount = override.split("=", 2);
      if (groupCount.length != 2
          || !machines.containsKey(groupCount[0])
          || !groupCount[1].matches("\\d{1,2}")) {
        throw new UsageException(
            "--machines takes GROUP=N with GROUP one of "
                + machines.keySet()
                + " and N a number: "
                + override);
      }
      machines.put(groupCount[0], Integer.parseInt(groupCount[1]));
    }
    return new LocalShape(machines);
  }

  public int total() {
    return machines.values().stream().mapToInt(Integer::intValue).sum();
  }
}
