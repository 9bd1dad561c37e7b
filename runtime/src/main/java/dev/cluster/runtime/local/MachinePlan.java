package dev.cluster.runtime.local;

import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.runtime.local.aws.LocalInstance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Where each machine of a local cluster is: its address on the cluster's podman network (fixed, so
 * that the AWS stand-in, started first, knows every machine), the stand-in's and the registry's
 * addresses, and ids derived from the machine's name, so that {@code local up} again gives each
 * machine the same identity.
 */
record MachinePlan(String awsStandIn, String registry, List<LocalInstance> machines) {
  private static final int STAND_IN_HOST = 2;
  private static final int REGISTRY_HOST = 3;
  private static final int FIRST_MACHINE_HOST = 10;

  MachinePlan {
    machines = List.copyOf(machines);
  }

  static MachinePlan of(
      String cluster,
      LocalNames names,
      LocalShape shape,
      List<NodeGroupInfo> groups,
      String subnet,
      Map<String, List<String>> zonesByGroup) {
    int network = networkAddress(subnet);
    List<LocalInstance> machines = new ArrayList<>();
    int host = FIRST_MACHINE_HOST;
    for (NodeGroupInfo group : groups) {
      int count = shape.machines().getOrDefault(group.name(), 0);
      List<String> zones = zonesByGroup.getOrDefault(group.name(), List.of());
      for (int number = 1; number <= count; number++) {
        String name = names.machine(group.name(), number);
        machines.add(
            new LocalInstance(
                name,
                cluster,
                group.name(),
                group.role().toLowerCase(java.util.Locale.ROOT),
                "i-" + digest(name).substring(0, 17),
                address(network + host++),
                zones.get((number - 1) % zones.size())));
      }
    }
    return new MachinePlan(
        address(network + STAND_IN_HOST), address(network + REGISTRY_HOST), machines);
  }

  /** The 32 hex digits of the machine's /etc/machine-id (fleet's machine id). */
  static String machineId(LocalInstance machine) {
    return digest("machine-id " + machine.name()).substring(0, 32);
  }

  List<LocalInstance> inRole(String role) {
    return machines.stream().filter(machine -> machine.role().equals(role)).toList();
  }

  String machinesFile() {
    StringBuilder file = new StringBuilder();
    machines.forEach(machine -> file.append(machine.line()).append('\n'));
    return file.toString();
  }

  private static int networkAddress(String subnet) {
    String[] addressLength = subnet.split("/");
    if (Integer.parseInt(addressLength[1]) > 24) {
      throw new IllegalStateException(
          "the local cluster's network " + subnet + " is smaller than a /24");
    }
    int value = 0;
    for (String octet : addressLength[0].split("\\.")) {
      value = value << 8 | Integer.parseInt(octet);
    }
    return value;
  }

  private static String address(int value) {
    return (value >>> 24)
        + "."
        + (value >>> 16 & 255)
        + "."
        + (value >>> 8 & 255)
        + "."
        + (value & 255);
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
