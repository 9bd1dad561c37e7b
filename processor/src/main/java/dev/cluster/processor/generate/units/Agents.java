package dev.cluster.processor.generate.units;

import dev.cluster.contract.agent.AgentCommands;
import dev.cluster.contract.agent.AgentCommands.AccountsSync;
import dev.cluster.contract.agent.AgentCommands.ConfigGet;
import dev.cluster.contract.agent.AgentCommands.Presence;
import dev.cluster.contract.agent.AgentCommands.SecretsEnv;
import dev.cluster.contract.agent.CommandLine;
import dev.cluster.processor.model.Images;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;
import java.util.Map;

/**
 * The runtime agents' command lines, all in one place: the units run them from {@link
 * Images#AGENTS} in a container on the host's network (they talk to the machine's etcd endpoint,
 * {@value #ETCD}, through the v3 API). The image's entry point is {@code
 * dev.cluster.runtime.agent.Agents}; every agent is the runtime's as runtime/README.md documents
 * it. Each line is rendered through the contract's {@link AgentCommands}, the definitions the
 * agents parse with (exit code 2 is a bad command line: an agent refuses a flag it does not take,
 * or a required one missing, naming it); team-cluster's AgentCommandLinesTest parses every line of
 * the written units again, past systemd's quoting. After SIGTERM their JVM exits with 143, which
 * the units running them accept ({@code SuccessExitStatus=143}):
 *
 * <pre>
 * presence --etcd URL --service S --instance %i --host ${PRIVATE_IP} [--public-host ${PUBLIC_IP}]
 *          --port NAME=N [--port NAME=N ...] --ttl T
 *     Keeps /services/S/instances/%i = {"host":IP,"ports":{NAME:N,...},"startedAt":...} under a lease of T
 *     seconds while the app's unit runs (bound to it); SIGTERM revokes the lease. On a DATA machine the
 *     instance is {@code %m} (the machine's id), one per machine as the service runs on every one. Every port of the service
 *     is announced, named by {@link AppContainer#portName}. It probes nothing: the ambassadors' HAProxy
 *     checks keep unhealthy instances out of their backends.
 * elect --etcd URL --name S --ttl T --host ${PRIVATE_IP} --docker-container C --port NAME=N ... -- COMMAND ...
 *     Campaigns in /elections/S with a lease of T seconds, its proposal the same JSON as a presence record
 *     (so ambassadors reach the leader); only the leader runs COMMAND (through setpriv --pdeathsig KILL),
 *     which is stopped when the lease cannot be renewed in time, by the agent or, if the agent's JVM is not
 *     running, by its fence watchdog (a bash process in the same container, which kills C through the same
 *     docker.sock); a new leader after an unclean loss waits TTL + margin before starting COMMAND, so the
 *     unit needs no watchdog of its own. COMMAND is a {@code docker run --name C}
 *     of the app, run by the docker CLI the agents image carries: the unit mounts the host's
 *     /var/run/docker.sock and /run/cluster (read-only, for --env-file), and runs this agent as root
 *     (docker.sock is root on the host anyway). The container is the daemon's, not the agent's child, so
 *     the agent also kills C by name whenever it stops the child.
 * ambassador --etcd URL --config FILE
 *     Reads the JSON FILE ({@code dev.cluster.runtime.ambassador.AmbassadorConfig}: name, listenAddress,
 *     listenPort, mode leader|all, target instances|election|patroni, healthCheck, maxServers), renders
 *     HAProxy's configuration from it itself, starts HAProxy and keeps its server slots equal to what etcd
 *     says through the runtime API. One listener per JSON, so one agent (and unit) per used port; the
 *     processor writes the JSON (generate/config/AmbassadorConfig) and no HAProxy configuration.
 * volume --etcd URL --service S --path-id ID --instance %i --dir DIR --home DIR
 *        --listen tcp://${PRIVATE_IP}:PORT --gui 127.0.0.1:PORT
 *     Runs this replica's own Syncthing for one volume and shares DIR with the volume's other replicas,
 *     exchanging the folder id and device ids under /volumes/S/ID/ in etcd. The ports come from the model's
 *     VolumePorts (unique per node group; the template opens the listen ports between the group's machines).
 *     Syncthing only: engine = BTSYNC is a compile error ([volume-engine]).
 * accounts-sync --root /host --keycloak-url URL --realm R --client-id accounts-sync --client-secret-file FILE
 *               --group G ... [--local-group G=LOCAL,...]
 *     Run from the machines' accounts-sync.timer (generate/nodes/MachineAccounts) as root with the host's / at
 *     /host: gives the members of the groups local accounts with useradd/usermod/userdel --root /host.
 * secrets-env --region REGION --out FILE NAME=SECRET_ID ...
 *     Reads each secret from AWS Secrets Manager and writes NAME=value lines to FILE (mode 0600), for
 *     docker run --env-file. Secret ids are {@code <cluster>/<secret name>}. The container gets the unit's
 *     AWS_ENDPOINT_URL_SECRETS_MANAGER when set (only on the local cluster's machines).
 * config-get --etcd URL --key KEY --out FILE [--key KEY --out FILE ...]
 *     Writes the value of each etcd key to its FILE. The deploy engine stores every file of the output's
 *     {@code cluster/<name>/config/} under the key {@code /cluster/<name>/config/...}.
 * dns-updater --zone ZONE_ID --name NAME ... --service S --etcd URL
 *     Keeps A records for each NAME in the Route 53 hosted zone equal to the public addresses of S's
 *     announced instances.
 * </pre>
 */
public final class Agents {
  public static final String ETCD = "http://127.0.0.1:2379";

  /**
   * Agents run with their TTL short enough that a dead instance leaves the ambassadors within
   * seconds.
   */
  public static final int PRESENCE_TTL_SECONDS = 10;

  /**
   * The AWS SDK's variable for Secrets Manager's endpoint, which secrets-env's containers get from
   * their unit.
   */
  static final String SECRETS_MANAGER_ENDPOINT = "AWS_ENDPOINT_URL_SECRETS_MANAGER";

  private Agents() {}

  /** {@code docker run --rm --name NAME --net=host AGENTS} and then the agent's arguments. */
  public static DockerRun.Builder onHost(String containerName) {
    return DockerRun.container(containerName).network("host");
  }

  /**
   * {@code presence} for instance {@code instance} of {@code service}, announcing every port of it.
   */
  static DockerRun presence(
      UnitImage agents, String containerName, ServiceSpec service, String instance) {
    CommandLine<Presence> line =
        Presence.COMMAND
            .line()
            .with(Presence.ETCD, ETCD)
            .with(Presence.SERVICE, service.name())
            .with(Presence.INSTANCE, instance)
            .with(Presence.HOST, "${PRIVATE_IP}");
    if (service.isPublic()) {
      // what the DNS updater publishes for the front door; other machines keep using the private
      // address
      line.with(Presence.PUBLIC_HOST, "${PUBLIC_IP}");
    }
    line.withEach(Presence.PORT, AppContainer.portAssignments(service))
        .with(Presence.TTL, String.valueOf(PRESENCE_TTL_SECONDS));
    return onHost(containerName).image(agents, line);
  }

  /**
   * secrets-env for an app: {@code NAME=SECRET_ID} assignments, and {@code --url NAME=TEMPLATE} for
   * each connection URL whose {@code {VARIABLE}} secrets-env fills with that assignment's value,
   * percent-encoded.
   */
  static DockerRun secretsEnv(
      UnitImage agents,
      String containerName,
      String region,
      String outFile,
      List<String> assignments,
      List<String> urlTemplates) {
    // As root: the folder docker's -v makes on the host belongs to root, so the image's own user
    // could not write the file there; docker's --env-file reads it on the host as root too.
    return secretsEnv(
        agents,
        onHost(containerName).option("--user root"),
        region,
        outFile,
        assignments,
        urlTemplates);
  }

  /**
   * secrets-env as root: the file belongs to the machine's root, which docker (for an app) or the
   * machine's own services read it as.
   */
  public static DockerRun rootSecretsEnv(
      UnitImage agents,
      String containerName,
      String region,
      String outFile,
      List<String> assignments) {
    return secretsEnv(
        agents,
        onHost(containerName).option("--user root"),
        region,
        outFile,
        assignments,
        List.of());
  }

  private static DockerRun secretsEnv(
      UnitImage agents,
      DockerRun.Builder run,
      String region,
      String outFile,
      List<String> assignments,
      List<String> urlTemplates) {
    String dir = parent(outFile);
    CommandLine<SecretsEnv> line =
        SecretsEnv.COMMAND
            .line()
            .with(SecretsEnv.REGION, ExecArgs.literal(region))
            .with(SecretsEnv.OUT, outFile)
            .withEach(SecretsEnv.URL, urlTemplates.stream().map(ExecArgs::literal).toList())
            .operands(assignments.stream().map(ExecArgs::literal).toList());
    // The SDK's own variable, passed on only where the unit's environment sets it (unset on EC2):
    // the local
    // cluster's machines point it at their Secrets Manager stand-in (runtime/README-local.md).
    return run.volume(dir, dir, false).option("-e " + SECRETS_MANAGER_ENDPOINT).image(agents, line);
  }

  /**
   * accounts-sync as root on the machine's own root ({@code /host}), its secret file's folder
   * mounted read-only.
   */
  public static DockerRun accountsSync(
      UnitImage agents,
      String keycloakUrl,
      String realm,
      String clientId,
      String secretFile,
      Map<String, List<String>> localGroupsByGroup) {
    String dir = parent(secretFile);
    CommandLine<AccountsSync> line =
        AccountsSync.COMMAND
            .line()
            .with(AccountsSync.ROOT, "/host")
            .with(AccountsSync.KEYCLOAK_URL, ExecArgs.literal(keycloakUrl))
            .with(AccountsSync.REALM, ExecArgs.literal(realm))
            .with(AccountsSync.CLIENT_ID, ExecArgs.literal(clientId))
            .with(AccountsSync.CLIENT_SECRET_FILE, secretFile)
            .withEach(
                AccountsSync.GROUP,
                localGroupsByGroup.keySet().stream().map(ExecArgs::literal).toList());
    localGroupsByGroup.forEach(
        (g, local) -> {
          if (!local.isEmpty()) {
            line.with(
                AccountsSync.LOCAL_GROUP, ExecArgs.literal(g + "=" + String.join(",", local)));
          }
        });
    return onHost("accounts-sync")
        .option("--user root")
        .volume("/", "/host", false)
        .volume(dir, dir, true)
        .image(agents, line);
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  /**
   * Fetches each key into its file, in the map's order; each directory of the files is mounted
   * once.
   */
  static DockerRun configGet(
      UnitImage agents, String containerName, Map<String, String> outFileByKey) {
    DockerRun.Builder run = onHost(containerName);
    outFileByKey.values().stream()
        .map(Agents::parent)
        .distinct()
        .forEach(dir -> run.volume(dir, dir, false));
    CommandLine<ConfigGet> line = ConfigGet.COMMAND.line().with(ConfigGet.ETCD, ETCD);
    outFileByKey.forEach(
        (key, out) ->
            line.with(ConfigGet.KEY, ExecArgs.literal(key))
                .with(ConfigGet.OUT, ExecArgs.literal(out)));
    return run.image(agents, line);
  }
}
