package dev.cluster.contract.agent;

import static dev.cluster.contract.agent.Flag.aSwitch;
import static dev.cluster.contract.agent.Flag.optional;
import static dev.cluster.contract.agent.Flag.repeated;
import static dev.cluster.contract.agent.Flag.required;

import dev.cluster.contract.agent.AgentCommand.Tail;
import java.util.List;
import java.util.Optional;

/**
 * Every agent's command line: the agents image's entry point ({@code
 * dev.cluster.runtime.agent.Agents}) parses its arguments with these, and the processor renders the
 * units' lines with them. What each agent does with its flags is the runtime's (runtime/README.md);
 * each nested class is one agent, and the type of its flags.
 */
public final class AgentCommands {

  private AgentCommands() {}

  /**
   * Keeps an instance's address in etcd ({@code EtcdKeys.instance}) under a lease of {@code --ttl}
   * seconds.
   */
  public static final class Presence {
    public static final Flag<Presence> ETCD = required("etcd");
    public static final Flag<Presence> SERVICE = required("service");
    public static final Flag<Presence> INSTANCE = required("instance");
    public static final Flag<Presence> HOST = required("host");
    public static final Flag<Presence> PUBLIC_HOST = optional("public-host");

    /** {@code NAME=N}, once per port of the service. */
    public static final Flag<Presence> PORT = repeated("port");

    public static final Flag<Presence> TTL = optional("ttl");
    public static final AgentCommand<Presence> COMMAND =
        new AgentCommand<>(
            "presence", Tail.NONE, ETCD, SERVICE, INSTANCE, HOST, PUBLIC_HOST, PORT, TTL);

    private Presence() {}
  }

  /** Runs the command after {@code --} only while it leads the election {@code --name}. */
  public static final class Elect {
    public static final Flag<Elect> ETCD = required("etcd");
    public static final Flag<Elect> NAME = required("name");
    public static final Flag<Elect> HOST = optional("host");
    public static final Flag<Elect> PORT = repeated("port");
    public static final Flag<Elect> TTL = optional("ttl");
    public static final Flag<Elect> DOCKER_CONTAINER = optional("docker-container");
    public static final Flag<Elect> SAFETY_MARGIN_MS = optional("safety-margin-ms");
    public static final Flag<Elect> TAKEOVER_DELAY_MS = optional("takeover-delay-ms");
    public static final AgentCommand<Elect> COMMAND =
        new AgentCommand<>(
            "elect",
            Tail.COMMAND,
            ETCD,
            NAME,
            HOST,
            PORT,
            TTL,
            DOCKER_CONTAINER,
            SAFETY_MARGIN_MS,
            TAKEOVER_DELAY_MS);

    private Elect() {}
  }

  /**
   * Steers a local HAProxy, configured by the JSON file {@code --config}, to a service's instances
   * or leader.
   */
  public static final class Ambassador {
    public static final Flag<Ambassador> ETCD = required("etcd");
    public static final Flag<Ambassador> CONFIG = required("config");
    public static final Flag<Ambassador> RUN_DIR = optional("run-dir");
    public static final Flag<Ambassador> HAPROXY = optional("haproxy");
    public static final AgentCommand<Ambassador> COMMAND =
        new AgentCommand<>("ambassador", Tail.NONE, ETCD, CONFIG, RUN_DIR, HAPROXY);

    private Ambassador() {}
  }

  /** Keeps {@code --dir} synced between a volume's replicas with this replica's own Syncthing. */
  public static final class Volume {
    public static final Flag<Volume> ETCD = required("etcd");
    public static final Flag<Volume> SERVICE = required("service");
    public static final Flag<Volume> PATH_ID = required("path-id");
    public static final Flag<Volume> INSTANCE = required("instance");
    public static final Flag<Volume> DIR = required("dir");
    public static final Flag<Volume> HOME = required("home");
    public static final Flag<Volume> LISTEN = required("listen");
    public static final Flag<Volume> GUI = required("gui");
    public static final Flag<Volume> ADVERTISE = optional("advertise");
    public static final Flag<Volume> SYNCTHING = optional("syncthing");
    public static final AgentCommand<Volume> COMMAND =
        new AgentCommand<>(
            "volume", Tail.NONE, ETCD, SERVICE, PATH_ID, INSTANCE, DIR, HOME, LISTEN, GUI,
            ADVERTISE, SYNCTHING);

    private Volume() {}
  }

  /**
   * Writes secrets from AWS Secrets Manager into an env file; its operands are {@code
   * NAME=SECRET_ID}.
   */
  public static final class SecretsEnv {
    public static final Flag<SecretsEnv> REGION = required("region");
    public static final Flag<SecretsEnv> OUT = required("out");
    public static final Flag<SecretsEnv> ENDPOINT_URL = optional("endpoint-url");

    /** {@code NAME=TEMPLATE}: a connection URL filled with an assignment's value. */
    public static final Flag<SecretsEnv> URL = repeated("url");

    public static final AgentCommand<SecretsEnv> COMMAND =
        new AgentCommand<>("secrets-env", Tail.OPERANDS, REGION, OUT, ENDPOINT_URL, URL);

    private SecretsEnv() {}
  }

  /** Writes the value of each {@code --key} to the {@code --out} that follows it. */
  public static final class ConfigGet {
    public static final Flag<ConfigGet> ETCD = required("etcd");
    public static final Flag<ConfigGet> KEY = repeated("key");
    public static final Flag<ConfigGet> OUT = repeated("out");
    public static final AgentCommand<ConfigGet> COMMAND =
        new AgentCommand<>("config-get", Tail.NONE, ETCD, KEY, OUT);

    private ConfigGet() {}
  }

  /**
   * Keeps Route 53 A records ({@code --name}, in hosted zone {@code --zone}) on a service's
   * instances.
   */
  public static final class DnsUpdater {
    public static final Flag<DnsUpdater> ETCD = required("etcd");
    public static final Flag<DnsUpdater> ZONE = required("zone");
    public static final Flag<DnsUpdater> NAME = repeated("name");
    public static final Flag<DnsUpdater> SERVICE = required("service");
    public static final Flag<DnsUpdater> DEBOUNCE_MS = optional("debounce-ms");
    public static final Flag<DnsUpdater> ENDPOINT_URL = optional("endpoint-url");
    public static final AgentCommand<DnsUpdater> COMMAND =
        new AgentCommand<>(
            "dns-updater", Tail.NONE, ETCD, ZONE, NAME, SERVICE, DEBOUNCE_MS, ENDPOINT_URL);

    private DnsUpdater() {}
  }

  /** Gives the directory's group members local accounts with useradd/usermod/userdel. */
  public static final class AccountsSync {
    public static final Flag<AccountsSync> ROOT = optional("root");
    public static final Flag<AccountsSync> KEYCLOAK_URL = required("keycloak-url");
    public static final Flag<AccountsSync> REALM = optional("realm");
    public static final Flag<AccountsSync> CLIENT_ID = optional("client-id");
    public static final Flag<AccountsSync> CLIENT_SECRET_FILE = required("client-secret-file");
    public static final Flag<AccountsSync> GROUP = repeated("group");

    /** {@code GROUP=LOCAL,...}: the local groups a directory group's members also join. */
    public static final Flag<AccountsSync> LOCAL_GROUP = repeated("local-group");

    public static final Flag<AccountsSync> SHELL = optional("shell");
    public static final Flag<AccountsSync> STATE = optional("state");
    public static final Flag<AccountsSync> GRACE_PERIOD = optional("grace-period");
    public static final Flag<AccountsSync> DRY_RUN = aSwitch("dry-run");
    public static final AgentCommand<AccountsSync> COMMAND =
        new AgentCommand<>(
            "accounts-sync",
            Tail.NONE,
            ROOT,
            KEYCLOAK_URL,
            REALM,
            CLIENT_ID,
            CLIENT_SECRET_FILE,
            GROUP,
            LOCAL_GROUP,
            SHELL,
            STATE,
            GRACE_PERIOD,
            DRY_RUN);

    private AccountsSync() {}
  }

  /** Every agent, in the order the agents' usage lists them. */
  public static final List<AgentCommand<?>> ALL =
      List.of(
          Presence.COMMAND,
          Elect.COMMAND,
          Ambassador.COMMAND,
          Volume.COMMAND,
          SecretsEnv.COMMAND,
          ConfigGet.COMMAND,
          DnsUpdater.COMMAND,
          AccountsSync.COMMAND);

  public static Optional<AgentCommand<?>> named(String name) {
    return ALL.stream().filter(agent -> agent.name().equals(name)).findFirst();
  }
}
