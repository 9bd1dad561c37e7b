package dev.cluster.processor.model;

import dev.cluster.contract.SecretIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One cluster, as declared: everything the generators read. Lists are sorted by name, so every
 * output is deterministic whatever order javac hands the elements over in.
 *
 * <p>Immutable, and compared by its declaration only. It indexes itself once (parts by id, services
 * by node group, the users of each service), and keeps what is derived per node group (ambassadors,
 * volume ports) and any {@link #derived derived output} the first time it is asked for, so that
 * every look-up of a rule or a generator costs the size of its answer, not of the cluster.
 */
public final class ClusterModel {
  private final ClusterSpec cluster;
  private final List<NodeGroupSpec> nodeGroups;
  private final List<ServiceSpec> services;
  private final List<SecretSpec> secrets;
  private final List<GroupSpec> groups;
  private final IdentitySpec identity;
  private final BuiltImages builtImages;

  private final Map<String, NodeGroupSpec> nodeGroupsById;
  private final Map<String, ServiceSpec> servicesById;
  private final Map<String, SecretSpec> secretsById;
  private final Map<String, GroupSpec> groupsById;
  private final Map<String, List<ServiceSpec>> servicesByGroupId;
  private final Map<String, List<ServiceSpec>> usersById;
  private final Map<String, Map<String, List<AmbassadorSpec>>> ambassadorsByGroupId =
      new HashMap<>();
  private final Map<String, List<VolumePorts>> volumePortsByGroupId = new HashMap<>();
  private final Map<Function<ClusterModel, ?>, Object> derived = new HashMap<>();
  // A scan of every service's image: node groups and the template ask for it once each.
  private static final Function<ClusterModel, List<TeamImage>> TEAM_IMAGES =
      ClusterModel::computeTeamImages;

  public ClusterModel(
      ClusterSpec cluster,
      List<NodeGroupSpec> nodeGroups,
      List<ServiceSpec> services,
      List<SecretSpec> secrets,
      List<GroupSpec> groups,
      IdentitySpec identity,
      BuiltImages builtImages) {
    this.cluster = cluster;
    this.nodeGroups = sorted(nodeGroups, Comparator.comparing(NodeGroupSpec::name));
    this.services = sorted(services, Comparator.comparing(ServiceSpec::name));
    this.secrets = sorted(secrets, Comparator.comparing(SecretSpec::name));
    this.groups = sorted(groups, Comparator.comparing(GroupSpec::name));
    this.identity = identity;
    this.builtImages = builtImages;
    this.nodeGroupsById = byId(this.nodeGroups, NodeGroupSpec::id);
    this.servicesById = byId(this.services, ServiceSpec::id);
    this.secretsById = byId(this.secrets, SecretSpec::id);
    this.groupsById = byId(this.groups, GroupSpec::id);
    Map<String, List<ServiceSpec>> onGroup = new HashMap<>();
    Map<String, List<ServiceSpec>> users = new HashMap<>();
    for (ServiceSpec service : this.services) {
      onGroup.computeIfAbsent(service.runsOn(), id -> new ArrayList<>()).add(service);
      for (String used : new LinkedHashSet<>(service.uses())) {
        users.computeIfAbsent(used, id -> new ArrayList<>()).add(service);
      }
    }
    this.servicesByGroupId = frozen(onGroup);
    this.usersById = frozen(users);
  }

  /** A cluster without an identity provider or OpenID Connect clients. */
  public ClusterModel(
      ClusterSpec cluster,
      List<NodeGroupSpec> nodeGroups,
      List<ServiceSpec> services,
      List<SecretSpec> secrets,
      List<GroupSpec> groups) {
    this(cluster, nodeGroups, services, secrets, groups, IdentitySpec.NONE);
  }

  /** A cluster none of whose images is built by the project. */
  public ClusterModel(
      ClusterSpec cluster,
      List<NodeGroupSpec> nodeGroups,
      List<ServiceSpec> services,
      List<SecretSpec> secrets,
      List<GroupSpec> groups,
      IdentitySpec identity) {
    this(cluster, nodeGroups, services, secrets, groups, identity, BuiltImages.NONE);
  }

  /** The same cluster, with the images the project builds. */
  public ClusterModel withBuiltImages(BuiltImages images) {
    return new ClusterModel(cluster, nodeGroups, services, secrets, groups, identity, images);
  }

  /**
   * The team's images the cluster's units run, in name order: the services' own and the agents
   * image, which every fleet unit beside an app runs. Each gets a repository in the template.
   */
  public List<TeamImage> teamImages() {
    return derived(TEAM_IMAGES);
  }

  private static List<TeamImage> computeTeamImages(ClusterModel model) {
    TreeMap<String, TeamImage> used = new TreeMap<>();
    Stream.concat(model.services.stream().map(ServiceSpec::image), Stream.of(Images.AGENTS))
        .flatMap(image -> model.builtImages.of(image).stream())
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

  /** The first part of each id, as a scan in name order would find it. */
  private static <T> Map<String, T> byId(List<T> parts, Function<T, String> id) {
    Map<String, T> index = new HashMap<>();
    for (T part : parts) {
      index.putIfAbsent(id.apply(part), part);
    }
    return index;
  }

  private static Map<String, List<ServiceSpec>> frozen(Map<String, List<ServiceSpec>> index) {
    Map<String, List<ServiceSpec>> copy = new HashMap<>();
    index.forEach((id, list) -> copy.put(id, List.copyOf(list)));
    return copy;
  }

  public ClusterSpec cluster() {
    return cluster;
  }

  public List<NodeGroupSpec> nodeGroups() {
    return nodeGroups;
  }

  public List<ServiceSpec> services() {
    return services;
  }

  public List<SecretSpec> secrets() {
    return secrets;
  }

  public List<GroupSpec> groups() {
    return groups;
  }

  public IdentitySpec identity() {
    return identity;
  }

  public BuiltImages builtImages() {
    return builtImages;
  }

  public Optional<NodeGroupSpec> nodeGroup(String id) {
    return Optional.ofNullable(nodeGroupsById.get(id));
  }

  public Optional<ServiceSpec> service(String id) {
    return Optional.ofNullable(servicesById.get(id));
  }

  public Optional<SecretSpec> secret(String id) {
    return Optional.ofNullable(secretsById.get(id));
  }

  /** The secret's name in Secrets Manager: the cluster's name, a slash, the secret's own name. */
  public String secretsManagerName(SecretSpec secret) {
    return SecretIds.of(cluster.name(), secret.name());
  }

  /**
   * The secrets every machine reads for itself when a group logs into the machines: the
   * accounts-sync client's, and the token with which it asks the key service for SSH keys.
   */
  public List<SecretSpec> machineSecrets() {
    List<SecretSpec> all = new java.util.ArrayList<>();
    identity.machineAccounts().flatMap(m -> secret(m.secretId())).ifPresent(all::add);
    if (!all.isEmpty()) {
      identity
          .authorizedKeys()
          .flatMap(OidcClientSpec::authorizedKeysToken)
          .flatMap(this::secret)
          .ifPresent(all::add);
    }
    return all;
  }

  public Optional<GroupSpec> group(String id) {
    return Optional.ofNullable(groupsById.get(id));
  }

  /** The services that run on a node group, in name order. */
  public List<ServiceSpec> servicesOn(NodeGroupSpec group) {
    return servicesByGroupId.getOrDefault(group.id(), List.of());
  }

  /** The services that use {@code service}, in name order. */
  public List<ServiceSpec> usersOf(ServiceSpec service) {
    return usersById.getOrDefault(service.id(), List.of());
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

  /**
   * The local port the first ambassador of a node group listens on; the others count up from it.
   */
  public int firstAmbassadorPort() {
    return Ambassadors.FIRST_PORT;
  }

  /**
   * The ambassadors in a service's pod, one per used fleet service with a TCP port, with their
   * local ports.
   */
  public List<AmbassadorSpec> ambassadorsOf(ServiceSpec user) {
    Optional<NodeGroupSpec> group = nodeGroup(user.runsOn());
    if (group.isEmpty()) {
      return Ambassadors.onGroup(this, List.of(user)).getOrDefault(user.id(), List.of());
    }
    return ambassadorsByGroupId
        .computeIfAbsent(group.get().id(), id -> Ambassadors.onGroup(this, servicesOn(group.get())))
        .getOrDefault(user.id(), List.of());
  }

  /**
   * The Syncthing ports of every synced volume of a node group's services ({@link VolumePorts}).
   */
  public List<VolumePorts> volumePortsOn(NodeGroupSpec group) {
    return volumePortsByGroupId.computeIfAbsent(group.id(), id -> VolumePorts.on(this, group));
  }

  /** The Syncthing ports of one volume of a service. */
  public VolumePorts volumePorts(ServiceSpec service, VolumeSpec volume) {
    return nodeGroup(service.runsOn()).stream()
        .flatMap(g -> volumePortsOn(g).stream())
        .filter(
            p -> p.service().id().equals(service.id()) && p.volume().path().equals(volume.path()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no volume " + volume.path() + " on " + service.name()));
  }

  /**
   * What {@code function}, a pure function of the model, gives for this model, computed on the
   * first call only: an output several steps read (the fleet units: output checks, generators, the
   * client) is computed once. Callers pass one function object (a constant), which is the key.
   */
  public <T> T derived(Function<ClusterModel, T> function) {
    @SuppressWarnings("unchecked")
    T known = (T) derived.get(function);
    if (known != null) {
      return known;
    }
    // Not computeIfAbsent: the function may itself ask for other derived values of this model.
    T value = function.apply(this);
    derived.put(function, value);
    return value;
  }

  /**
   * How many instances of a service run: its replicas, or one on each machine of its DATA group.
   */
  public int instancesOf(ServiceSpec service) {
    return runsOnFleet(service)
        ? service.replicas()
        : nodeGroup(service.runsOn()).map(NodeGroupSpec::size).orElse(0);
  }

  /**
   * Whether a service runs as fleet units (its node group runs fleet) rather than as a DATA node's
   * unit.
   */
  public boolean runsOnFleet(ServiceSpec service) {
    return nodeGroup(service.runsOn()).map(g -> g.role().runsFleet()).orElse(false);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClusterModel that
        && cluster.equals(that.cluster)
        && nodeGroups.equals(that.nodeGroups)
        && services.equals(that.services)
        && secrets.equals(that.secrets)
        && groups.equals(that.groups)
        && identity.equals(that.identity)
        && builtImages.equals(that.builtImages);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cluster, nodeGroups, services, secrets, groups, identity, builtImages);
  }

  @Override
  public String toString() {
    return "ClusterModel[cluster="
        + cluster
        + ", nodeGroups="
        + nodeGroups
        + ", services="
        + services
        + ", secrets="
        + secrets
        + ", groups="
        + groups
        + ", identity="
        + identity
        + ", builtImages="
        + builtImages
        + "]";
  }
}
