package dev.cluster.processor.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One cluster, as declared: everything the generators read. Lists are sorted by name, so every output
 * is deterministic whatever order javac hands the elements over in.
 */
public record ClusterModel(
    ClusterSpec cluster,
    List<NodeGroupSpec> nodeGroups,
    List<ServiceSpec> services,
    List<SecretSpec> secrets,
    List<GroupSpec> groups,
    IdentitySpec identity,
    BuiltImages builtImages) {
  public ClusterModel {
    nodeGroups = sorted(nodeGroups, Comparator.comparing(NodeGroupSpec::name));
    services = sorted(services, Comparator.comparing(ServiceSpec::name));
    secrets = sorted(secrets, Comparator.comparing(SecretSpec::name));
    groups = sorted(groups, Comparator.comparing(GroupSpec::name));
  }

  /** A cluster without an identity provider or OpenID Connect clients. */
  public ClusterModel(ClusterSpec cluster, List<NodeGroupSpec> nodeGroups, List<ServiceSpec> services,
      List<SecretSpec> secrets, List<GroupSpec> groups) {
    this(cluster, nodeGroups, services, secrets, groups, IdentitySpec.NONE);
  }

  /** A cluster none of whose images is built by the project. */
  public ClusterModel(ClusterSpec cluster, List<NodeGroupSpec> nodeGroups, List<ServiceSpec> services,
      List<SecretSpec> secrets, List<GroupSpec> groups, IdentitySpec identity) {
    this(cluster, nodeGroups, services, secrets, groups, identity, BuiltImages.NONE);
  }

  /** The same cluster, with the images the project builds. */
  public ClusterModel withBuiltImages(BuiltImages images) {
    return new ClusterModel(cluster, nodeGroups, services, secrets, groups, identity, images);
  }

  /**
   * The team's images the cluster's units run, in name order: the services' own and the agents image, which
   * every fleet unit beside an app runs. Each gets a repository in the template.
   */
  public List<TeamImage> teamImages() {
    TreeMap<String, TeamImage> used = new TreeMap<>();
    Stream.concat(services.stream().map(ServiceSpec::image), Stream.of(Images.AGENTS))
        .flatMap(image -> builtImages.of(image).stream())
        .forEach(image -> used.put(image.name(), image));
    return List.copyOf(used.values());
  }

  /** The {@code @IdentityProvider} service, if the cluster has one that exists. */
  public Optional<ServiceSpec> identityProvider() {
    return identity.providerId().flatMap(this::service);
  }

  private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
    return items.stream().sorted(order).toList();
  }

  public Optional<NodeGroupSpec> nodeGroup(String id) {
    return nodeGroups.stream().filter(g -> g.id().equals(id)).findFirst();
  }

  public Optional<ServiceSpec> service(String id) {
    return services.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Optional<SecretSpec> secret(String id) {
    return secrets.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /**
   * The secrets every machine reads for itself when a group logs into the machines: the accounts-sync client's,
   * and the token with which it asks the key service for SSH keys.
   */
  public List<SecretSpec> machineSecrets() {
    List<SecretSpec> all = new java.util.ArrayList<>();
    identity.machineAccounts().flatMap(m -> secret(m.secretId())).ifPresent(all::add);
    if (!all.isEmpty()) {
      identity.authorizedKeys().flatMap(OidcClientSpec::authorizedKeysToken).flatMap(this::secret).ifPresent(all::add);
    }
    return all;
  }

  public Optional<GroupSpec> group(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }

  /** The services that run on a node group, in name order. */
  public List<ServiceSpec> servicesOn(NodeGroupSpec group) {
    return services.stream().filter(s -> s.runsOn().equals(group.id())).toList();
  }

  /** The services that use {@code service}, in name order. */
  public List<ServiceSpec> usersOf(ServiceSpec service) {
    return services.stream().filter(s -> s.uses().contains(service.id())).toList();
  }

  /** The services that a service uses and that exist, in the order it lists them. */
  public List<ServiceSpec> used(ServiceSpec service) {
    return service.uses().stream().flatMap(id -> service(id).stream()).toList();
  }

  /** The secrets a service reads and that exist, in the order it lists them. */
  public List<SecretSpec> secretsOf(ServiceSpec service) {
    return service.secrets().stream().flatMap(id -> secret(id).stream()).toList();
  }

  /** The front door services (normally one). */
  public List<ServiceSpec> frontDoors() {
    return services.stream().filter(ServiceSpec::frontDoor).toList();
  }

  /** The local port the first ambassador of a node group listens on; the others count up from it. */
  public int firstAmbassadorPort() {
    return Ambassadors.FIRST_PORT;
  }

  /**
   * The ambassadors in a service's pod, one per used fleet service with a TCP port, with their local
   * ports.
   */
  public List<AmbassadorSpec> ambassadorsOf(ServiceSpec user) {
    return Ambassadors.of(this, user);
  }

  /** The Syncthing ports of every synced volume of a node group's services ({@link VolumePorts}). */
  public List<VolumePorts> volumePortsOn(NodeGroupSpec group) {
    return VolumePorts.on(this, group);
  }

  /** The Syncthing ports of one volume of a service. */
  public VolumePorts volumePorts(ServiceSpec service, VolumeSpec volume) {
    return nodeGroup(service.runsOn()).stream().flatMap(g -> volumePortsOn(g).stream())
        .filter(p -> p.service().id().equals(service.id()) && p.volume().path().equals(volume.path()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no volume " + volume.path() + " on " + service.name()));
  }

  /** How many instances of a service run: its replicas, or one on each machine of its DATA group. */
  public int instancesOf(ServiceSpec service) {
    return runsOnFleet(service) ? service.replicas() : nodeGroup(service.runsOn()).map(NodeGroupSpec::size).orElse(0);
  }

  /** Whether a service runs as fleet units (its node group runs fleet) rather than as a DATA node's unit. */
  public boolean runsOnFleet(ServiceSpec service) {
    return nodeGroup(service.runsOn()).map(g -> g.role().runsFleet()).orElse(false);
  }
}
