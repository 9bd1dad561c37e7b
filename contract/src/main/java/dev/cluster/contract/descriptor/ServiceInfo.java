package dev.cluster.contract.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service of the cluster: where it runs, which unit files make it up, and what a person needs to
 * know to use it, as the processor knew it: its image, its ports ({@code 8080/tcp http}), its
 * address through the front door and who may use it there ({@code members of developers}), the
 * services it uses, the ids of the secrets its units read ({@code SecretIds}), and, for a
 * {@code @Postgres} service, how Patroni runs it.
 */
public record ServiceInfo(
    String name,
    String nodeGroup,
    int replicas,
    List<String> units,
    String image,
    List<String> ports,
    Optional<String> url,
    String access,
    List<String> uses,
    List<String> secrets,
    Optional<PatroniDatabase> patroni) {
  public ServiceInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(nodeGroup, "nodeGroup");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(access, "access");
    units = List.copyOf(units);
    ports = List.copyOf(ports);
    uses = List.copyOf(uses);
    secrets = List.copyOf(secrets);
    Objects.requireNonNull(patroni, "patroni");
  }

  /** A service that reads no secret and is no {@code @Postgres} database. */
  public ServiceInfo(
      String name,
      String nodeGroup,
      int replicas,
      List<String> units,
      String image,
      List<String> ports,
      Optional<String> url,
      String access,
      List<String> uses) {
    this(
        name,
        nodeGroup,
        replicas,
        units,
        image,
        ports,
        url,
        access,
        uses,
        List.of(),
        Optional.empty());
  }

  /** A service described by placement only (clusters built in code, tests). */
  public ServiceInfo(String name, String nodeGroup, int replicas, List<String> units) {
    this(name, nodeGroup, replicas, units, "", List.of(), Optional.empty(), "", List.of());
  }
}
