package dev.cluster.runtime.local.aws;

import java.util.List;

/**
 * One machine of a local cluster as EC2 would describe it: the container's name, its node group and
 * role (the autoscaling group's tags), instance id, private address and zone. One line of the
 * stand-in's machines file.
 */
public record LocalInstance(
    String name,
    String cluster,
    String group,
    String role,
    String instanceId,
    String privateIp,
    String zone) {
  private static final String SEPARATOR = "\t";

  public String line() {
    return String.join(SEPARATOR, name, cluster, group, role, instanceId, privateIp, zone);
  }

  public static LocalInstance parse(String line) {
    String[] fields = line.split(SEPARATOR);
    if (fields.length != 7) {
      throw new IllegalArgumentException("not a machine line (7 tab-separated fields): " + line);
    }
    return new LocalInstance(
        fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]);
  }

  public String region() {
    return zone.substring(0, zone.length() - 1);
  }

  /** The tags the template's autoscaling groups give their machines. */
  public List<Tag> tags() {
    return List.of(
        new Tag("Name", cluster + "-" + group),
        new Tag("dev-cluster:cluster", cluster),
        new Tag("dev-cluster:group", group),
        new Tag("dev-cluster:role", role));
  }

  public record Tag(String key, String value) {}
}
