package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.config.ConfigMounts;
import dev.cluster.processor.generate.config.ConfigMounts.ConfigMount;
import dev.cluster.processor.generate.config.ConfigPaths;
import dev.cluster.processor.generate.services.DataPeers;
import dev.cluster.processor.generate.services.GuardedPort;
import dev.cluster.processor.generate.services.ServiceConfig;
import dev.cluster.processor.generate.services.ServiceConfigs;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClientEnv;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.DatabaseLogin;
import dev.cluster.processor.model.ImageVariables;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.naming.UnitNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that builds a service's own container: its {@code docker run} line and the steps
 * before it that fetch what it reads at start (secrets; the config files of {@link ConfigMounts},
 * fetched from etcd by one {@code config-get} and mounted read-only). Both a fleet replica's app
 * unit and a DATA machine's unit use it; they differ only in where the container runs ({@link
 * Placement}).
 *
 * <p>Secrets never appear in a unit: {@code secrets-env} (see {@link Agents}) writes them to an env
 * file under {@code /run} (memory only) just before the app starts, and docker reads it with {@code
 * --env-file}.
 */
public final class AppContainer {
  static final String SECRETS_DIR = "/run/cluster/secrets/";
  static final String VOLUMES_DIR = "/var/lib/cluster/volumes";
  static final String SYNCTHING_DIR = "/var/lib/cluster/syncthing";
  static final String STATE_DIR = "/var/lib/cluster/";

  /**
   * Where the container runs: a fleet replica (instance {@code %i}) or every machine of a DATA
   * group.
   */
  public enum Placement {
    FLEET_REPLICA,
    DATA_NODE
  }

  private final ClusterModel model;
  private final ServiceSpec service;
  private final Placement placement;

  public AppContainer(ClusterModel model, ServiceSpec service, Placement placement) {
    this.model = model;
    this.service = service;
    this.placement = placement;
  }

  /**
   * The container's name: {@code gerrit-%i} for a replica, the service's name on a DATA machine.
   */
  public String name() {
    return placement == Placement.FLEET_REPLICA
        ? UnitNames.container(service.name())
        : service.name();
  }

  /** {@code ExecStartPre} commands that fetch what the container reads at start. */
  public List<String> fetchSteps() {
    List<String> steps = new ArrayList<>();
    List<String> assignments = secretAssignments();
    if (!assignments.isEmpty()) {
      steps.add(
          Agents.secretsEnv(
                  UnitImage.agents(model),
                  name() + "-secrets",
                  model.cluster().region(),
                  secretsFile(),
                  assignments,
                  urlTemplates())
              .commandLine());
    }
    List<ConfigMount> configs = ConfigMounts.of(model, service);
    if (!configs.isEmpty()) {
      Map<String, String> outFileByKey = new LinkedHashMap<>();
      configs.forEach(
          c ->
              outFileByKey.put(
                  ConfigPaths.etcdKey(model, c.relative()), ConfigPaths.onMachine(c.relative())));
      steps.add(
          Agents.configGet(UnitImage.agents(model), name() + "-config", outFileByKey)
              .commandLine());
    }
    return steps;
  }

  /** The service's image as its units name it. */
  public UnitImage image() {
    return UnitImage.of(model, service.image());
  }

  /**
   * The service's own generated configuration ({@link ServiceConfigs}): its files, mounted
   * read-only.
   */
  public ServiceConfig config() {
    return ServiceConfigs.of(model, service);
  }

  /**
   * What the service's configuration runs once it has started (MongoDB's replica-set initiation): a
   * second container of the same image, environment and files, on the host's network so it reaches
   * the first.
   */
  public Optional<DockerRun> afterStart() {
    ServiceConfig config = config();
    return config
        .afterStart()
        .map(
            command -> {
              DockerRun.Builder run = DockerRun.container(afterStartName()).network("host");
              if (config.readsDataPeers()) {
                run.envFile(DataPeers.ENV_FILE);
              }
              config
                  .files()
                  .forEach(
                      file ->
                          run.volume(
                              ConfigPaths.onMachine(ConfigPaths.serviceFile(service, file.name())),
                              file.mountPath(),
                              true));
              return run.image(
                  image(), command.stream().map(ExecArgs::literal).toArray(String[]::new));
            });
  }

  /** The container {@link #afterStart()} runs in. */
  public String afterStartName() {
    return name() + "-after-start";
  }

  /** Where a DATA machine keeps the service's data, mounted at {@code /data}. */
  public String dataDirectory() {
    return "/var/lib/" + service.name();
  }

  /** The container run by the host's docker. */
  public DockerRun run() {
    return build(DockerRun.container(name()));
  }

  /** The container run by the election agent's docker, once its replica leads. */
  public DockerRun runNested() {
    return build(DockerRun.nested(name()));
  }

  private DockerRun build(DockerRun.Builder run) {
    boolean hostNetwork =
        placement == Placement.DATA_NODE || service.kind() == ServiceKind.POSTGRES;
    if (hostNetwork) {
      run.network("host");
    } else {
      if (placement == Placement.FLEET_REPLICA) {
        PodNetwork.of(model, service).ifPresent(network -> run.network(network.name()));
      }
      String address = service.isPublic() ? "" : "${PRIVATE_IP}";
      service.ports().forEach(port -> run.publish(address, port));
    }
    service.env().forEach(env -> run.env(env.name(), env.value()));
    GuardedPort.of(service).ifPresent(guard -> guard.env().forEach(run::env));
    enginePort().ifPresent(port -> run.env(port.getKey(), String.valueOf(port.getValue())));
    if (placement == Placement.FLEET_REPLICA) {
      model.ambassadorsOf(service).forEach(ambassador -> ambassadorEnv(ambassador, run));
      if (service.frontDoor()) {
        // The certificate of the domain and *.domain, which replica 1 renews
        // (containers/front-door/front-door).
        run.env("TLS_DOMAIN", model.cluster().domain());
        run.option("-e FRONT_DOOR_INSTANCE=%i");
      }
    }
    if (!secretAssignments().isEmpty()) {
      run.envFile(secretsFile());
    }
    ServiceConfig config = config();
    if (config.readsDataPeers()) {
      run.envFile(DataPeers.ENV_FILE);
    }
    for (ConfigMount mount : ConfigMounts.of(model, service)) {
      run.volume(ConfigPaths.onMachine(mount.relative()), mount.inContainer(), true);
    }
    if (placement == Placement.DATA_NODE) {
      run.volume(dataDirectory(), "/data", false);
    } else {
      for (VolumeSpec volume : service.volumes()) {
        run.volume(syncedDirectory(service, volume), volume.path(), false);
      }
    }
    if (service.kind() == ServiceKind.POSTGRES) {
      return patroni(run);
    }
    return run.image(
        image(), config.imageArguments().stream().map(ExecArgs::literal).toArray(String[]::new));
  }

  /**
   * Patroni takes what differs per member from its environment and the rest from the shared YAML.
   * Its data directory stays on the machine: members replicate by streaming, never through a synced
   * volume. {@code $WATCHDOG_OPTIONS} (node.env, from cluster-peers) hands it the machine's
   * softdog, or expands to nothing where there is none.
   */
  private DockerRun patroni(DockerRun.Builder run) {
    return run.option("-e PATRONI_NAME=" + name())
        .option("-e PATRONI_RESTAPI_LISTEN=${PRIVATE_IP}:" + Probe.patroniPort(service))
        .option("-e PATRONI_RESTAPI_CONNECT_ADDRESS=${PRIVATE_IP}:" + Probe.patroniPort(service))
        .option("-e PATRONI_POSTGRESQL_LISTEN=${PRIVATE_IP},127.0.0.1:" + postgresPort())
        .option("-e PATRONI_POSTGRESQL_CONNECT_ADDRESS=${PRIVATE_IP}:" + postgresPort())
        .option("$WATCHDOG_OPTIONS")
        .volume(STATE_DIR + service.name() + "/data", "/var/lib/postgresql/data", false)
        .image(image(), "patroni", ConfigMounts.PATRONI);
  }

  private int postgresPort() {
    return service.ports().get(0).number();
  }

  /**
   * What the app reads for one service it uses, under the names its users read it by ({@link
   * ClientEnv}): the ambassador's address, an app's named ports, a database's name and the app's
   * own user, and a Redis URL. A database's password and URL come from {@link #secretAssignments()}
   * and {@link #urlTemplates()} instead.
   */
  private void ambassadorEnv(AmbassadorSpec ambassador, DockerRun.Builder run) {
    ServiceSpec used = ambassador.used();
    ClientEnv names = used.clientEnv();
    run.env(names.host(), PodNetwork.ambassadorAddress(model, service));
    run.env(names.port(), String.valueOf(ambassador.primary().localPort()));
    if (used.kind() == ServiceKind.APP) {
      for (AmbassadorSpec.Listener listener : ambassador.listeners()) {
        PortSpec target = listener.target();
        if (!target.name().isEmpty()) {
          run.env(
              ambassador.envPrefix() + "_" + Names.envName(target.name()) + "_PORT",
              String.valueOf(listener.localPort()));
        }
      }
    }
    DatabaseLogin.of(used)
        .ifPresent(
            login -> {
              run.env(names.database(), login.database());
              run.env(names.user(), login.user());
            });
    if (used.kind() == ServiceKind.REDIS) {
      names.urlVariable().ifPresent(url -> run.env(url, "redis://" + address(ambassador)));
    }
  }

  /**
   * Where this service's app reaches the ambassador: its pod network's gateway ({@link
   * PodNetwork}).
   */
  private String address(AmbassadorSpec ambassador) {
    return PodNetwork.ambassadorAddress(model, service) + ":" + ambassador.primary().localPort();
  }

  /**
   * {@code NAME=TEMPLATE} for {@code secrets-env --url}: each used database's connection URL, its
   * password written {@code {VARIABLE}} for the secret the app reads it from, which secrets-env
   * fills in percent-encoded (the unit never holds it).
   */
  private List<String> urlTemplates() {
    if (placement != Placement.FLEET_REPLICA) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    for (AmbassadorSpec ambassador : model.ambassadorsOf(service)) {
      ServiceSpec used = ambassador.used();
      Optional<DatabaseLogin> login = DatabaseLogin.of(used);
      Optional<String> url = used.clientEnv().urlVariable();
      if (login.isPresent() && url.isPresent()) {
        urls.add(
            url.get()
                + "="
                + login.get().url(address(ambassador), "{" + used.clientEnv().password() + "}"));
      }
    }
    return urls;
  }

  /**
   * {@code NAME=secret-id} for {@code secrets-env}. A database server takes the password it shares
   * with its app (the app's own user's) under its image's own name; its other secrets (Patroni's
   * superuser, replication and rewind users) under their own variables, which no app reads.
   */
  private List<String> secretAssignments() {
    List<String> assignments = new ArrayList<>();
    for (SecretSpec secret : model.secretsOf(service)) {
      String id = model.secretsManagerName(secret);
      boolean sharedWithApp =
          model.usersOf(service).stream().anyMatch(user -> user.secrets().contains(secret.id()));
      String variable =
          switch (service.kind()) {
            case POSTGRES -> sharedWithApp ? ImageVariables.POSTGRES_APP_PASSWORD : secret.env();
            case MARIADB -> ImageVariables.MARIADB_PASSWORD;
            default -> secret.env();
          };
      assignments.add(variable + "=" + id);
    }
    return assignments;
  }

  /**
   * The port an elected engine's image listens on, as its image reads it: the model may have moved
   * it off the engine's default so that several share a machine, and the container's port is
   * published as it is.
   */
  private Optional<Map.Entry<String, Integer>> enginePort() {
    return switch (service.kind()) {
      case MARIADB -> service.port("mysql").map(p -> Map.entry("MARIADB_PORT", p.number()));
      case REDIS -> service.port("redis").map(p -> Map.entry("REDIS_PORT", p.number()));
      default -> Optional.empty();
    };
  }

  private String secretsFile() {
    return SECRETS_DIR + name() + ".env";
  }

  /**
   * A port's name in the presence and election records the agents write ({@code --port NAME=N}) and
   * in the ambassadors' targets: its declared name, else its number. The number also stands in for
   * a name the record could not hold unambiguously: one the agents' {@code NAME=N} parsing would
   * split (anything but letters, digits, {@code _ . -}) or one the service gives to ports of
   * different numbers.
   */
  public static String portName(ServiceSpec service, PortSpec port) {
    boolean shared =
        service.ports().stream()
            .anyMatch(other -> other.name().equals(port.name()) && other.number() != port.number());
    return port.name().matches("[A-Za-z0-9_.-]+") && !shared
        ? port.name()
        : String.valueOf(port.number());
  }

  /**
   * {@code NAME=N} for each of the service's ports (once per name), the values of presence's and
   * elect's {@code --port}.
   */
  static List<String> portAssignments(ServiceSpec service) {
    List<String> assignments = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (PortSpec port : service.ports()) {
      String name = portName(service, port);
      if (named.add(name)) {
        assignments.add(ExecArgs.literal(name + "=" + port.number()));
      }
    }
    return assignments;
  }

  /** Syncthing's home (keys, config, index) for one synced volume of a replica on its machine. */
  static String syncthingHome(ServiceSpec service, VolumeSpec volume) {
    return SYNCTHING_DIR + "/" + service.name() + "/" + UnitNames.slug(volume.path());
  }

  /** Where a replica keeps a synced volume on its machine. */
  public static String syncedDirectory(ServiceSpec service, VolumeSpec volume) {
    return VOLUMES_DIR + "/" + service.name() + "/" + UnitNames.slug(volume.path());
  }
}
