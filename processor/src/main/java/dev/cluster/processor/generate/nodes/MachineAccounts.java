package dev.cluster.processor.generate.nodes;

import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.generate.units.Agents;
import dev.cluster.processor.generate.units.UnitImage;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.model.MachineAccountsSpec;
import dev.cluster.processor.model.OidcClientSpec;
import dev.cluster.processor.model.SecretSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machines' own accounts, when a {@code @Group(machineLogin = true)} exists: a timer runs the
 * runtime's accounts-sync every minute against the identity provider's public URL with the
 * machines' read-only client (its secret fetched from Secrets Manager by secrets-env, as the apps'
 * secrets are), and sshd takes the accounts' keys only from the key service ({@code
 * dev-authorized-keys}, the same script the SFTP image uses, answers cached for {@value
 * #KEY_CACHE_SECONDS} s) through the front door with the key service's token. The {@code core} user
 * keeps its EC2 key for the deploy client's SSH tunnel.
 */
final class MachineAccounts {
  static final String SYNC_DIR = "/run/cluster/accounts-sync";
  static final String KEYS_DIR = "/run/cluster/dev-keys";
  static final String KEYS_CONF = "/etc/dev-authorized-keys";
  static final String KEY_COMMAND = "/opt/bin/dev-authorized-keys";
  static final int KEY_CACHE_SECONDS = 900;

  private MachineAccounts() {}

  static void addTo(ClusterModel model, List<NodeFile> files, List<SystemdUnit> units) {
    Optional<MachineAccountsSpec> machines = model.identity().machineAccounts();
    Optional<String> keycloakUrl =
        model
            .identity()
            .providerId()
            .flatMap(model::service)
            .flatMap(p -> PublicUrls.CLUSTER.of(model, p));
    if (machines.isEmpty() || keycloakUrl.isEmpty()) {
      return;
    }
    // the node group's IAM policy lets the machines read these secrets: ClusterModel.machineSecrets
    Optional<OidcClientSpec> keys = model.identity().authorizedKeys();
    Optional<String> keysUrl =
        keys.flatMap(k -> model.service(k.serviceId()))
            .flatMap(s -> PublicUrls.CLUSTER.of(model, s));
    Optional<SecretSpec> token =
        keys.flatMap(OidcClientSpec::authorizedKeysToken).flatMap(model::secret);
    if (keysUrl.isPresent() && token.isPresent()) {
      keyFiles(keysUrl.get(), files);
      units.add(keysToken(model, token.get()));
    }
    units.add(sync(model, machines.get(), keycloakUrl.get()));
    units.add(timer());
  }

  private static void keyFiles(String keysUrl, List<NodeFile> files) {
    files.add(new NodeFile(KEY_COMMAND, 0755, NodeResources.read("dev-authorized-keys")));
    files.add(new NodeFile(KEYS_CONF + "/url", 0644, keysUrl + "\n"));
    files.add(new NodeFile(KEYS_CONF + "/cache", 0644, "/var/cache/dev-authorized-keys\n"));
    files.add(new NodeFile(KEYS_CONF + "/cache-seconds", 0644, KEY_CACHE_SECONDS + "\n"));
    files.add(
        new NodeFile(
            "/etc/sysusers.d/dev-keys.conf",
            0644,
            "u dev-keys - \"sshd's AuthorizedKeysCommand (dev-authorized-keys)\" /nonexistent /usr/sbin/nologin\n"));
    files.add(
        new NodeFile(
            "/etc/tmpfiles.d/dev-keys.conf",
            0644,
            String.join(
                    "\n",
                    "d " + KEYS_CONF + " 0750 root dev-keys -",
                    "d /var/cache/dev-authorized-keys 0700 dev-keys dev-keys -")
                + "\n"));
    files.add(
        new NodeFile(
            "/etc/ssh/sshd_config.d/50-dev-accounts.conf",
            0600,
            String.join(
                    "\n",
                    "# The team's accounts (accounts-sync) log in only with the keys the key service has for them now.",
                    "AuthorizedKeysFile none",
                    "AuthorizedKeysCommand " + KEY_COMMAND + " %u",
                    "AuthorizedKeysCommandUser dev-keys",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "# the machine's own user keeps its EC2 key (the deploy client's SSH tunnel)",
                    "Match User core",
                    "  AuthorizedKeysFile .ssh/authorized_keys")
                + "\n"));
  }

  /**
   * Writes the key service's token as the header file dev-authorized-keys sends, readable by
   * dev-keys only.
   */
  private static SystemdUnit keysToken(ClusterModel model, SecretSpec token) {
    String env = KEYS_DIR + "/token.env";
    UnitImage agents = UnitImage.agents(model);
    SystemdUnit.Builder unit =
        SystemdUnit.builder("dev-keys-token.service")
            .section("Unit")
            .add(
                "Description",
                "The key service's token for sshd's AuthorizedKeysCommand, from Secrets Manager")
            .add("Wants", "network-online.target" + loginUnit(agents))
            .add("Requires", "docker.service")
            .add(
                "After",
                "network-online.target docker.service systemd-sysusers.service systemd-tmpfiles-setup.service"
                    + loginUnit(agents))
            .section("Service");
    registryEnv(unit, agents);
    return unit.add("Type", "oneshot")
        .add("RemainAfterExit", "yes")
        .add("RuntimeDirectory", KEYS_DIR.substring("/run/".length()))
        .add("RuntimeDirectoryMode", "0700")
        .add(
            "ExecStartPre",
            Agents.rootSecretsEnv(
                    agents,
                    "dev-keys-token",
                    model.cluster().region(),
                    env,
                    List.of("KEYS_READ_TOKEN=" + model.secretsManagerName(token)))
                .commandLine())
        .add(
            "ExecStart",
            "/bin/sh -c 'umask 027 && sed -n \"s/^KEYS_READ_TOKEN=/Authorization: Bearer /p\" "
                + env
                + " > "
                + KEYS_CONF
                + "/header && chgrp dev-keys "
                + KEYS_CONF
                + "/header && rm -f "
                + env
                + "'")
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build();
  }

  private static SystemdUnit sync(
      ClusterModel model, MachineAccountsSpec machines, String keycloakUrl) {
    Map<String, List<String>> localGroups = new LinkedHashMap<>();
    for (GroupSpec group : model.groups()) {
      if (group.machineLogin()) {
        localGroups.put(group.name(), group.machineGroups());
      }
    }
    SecretSpec secret = model.secret(machines.secretId()).orElseThrow();
    String secretFile = SYNC_DIR + "/client.env";
    UnitImage agents = UnitImage.agents(model);
    SystemdUnit.Builder unit =
        SystemdUnit.builder("accounts-sync.service")
            .section("Unit")
            .add(
                "Description",
                "Accounts of "
                    + String.join(", ", localGroups.keySet())
                    + " on this machine, from the identity provider (runtime accounts-sync)")
            .add("Wants", "network-online.target" + loginUnit(agents))
            .add("Requires", "docker.service")
            .add("After", "network-online.target docker.service" + loginUnit(agents))
            .section("Service");
    registryEnv(unit, agents);
    return unit.add("Type", "oneshot")
        // gone when the run ends, with the client's secret in it
        .add("RuntimeDirectory", SYNC_DIR.substring("/run/".length()))
        .add("RuntimeDirectoryMode", "0700")
        .add(
            "ExecStartPre",
            Agents.rootSecretsEnv(
                    agents,
                    "accounts-sync-secrets",
                    model.cluster().region(),
                    secretFile,
                    List.of(secret.env() + "=" + model.secretsManagerName(secret)))
                .commandLine())
        .add(
            "ExecStart",
            Agents.accountsSync(
                    agents,
                    keycloakUrl,
                    model.identity().realm(),
                    machines.clientId(),
                    secretFile,
                    localGroups)
                .commandLine())
        .build();
  }

  /**
   * A unit running an image of the cluster's registry logs docker in first, as the fleet units do.
   */
  private static String loginUnit(UnitImage image) {
    return image.inRegistry().isPresent() ? " " + UnitImage.LOGIN_UNIT : "";
  }

  private static void registryEnv(SystemdUnit.Builder unit, UnitImage image) {
    if (image.inRegistry().isPresent()) {
      unit.add("EnvironmentFile", UnitImage.REGISTRY_ENV);
    }
  }

  private static SystemdUnit timer() {
    return SystemdUnit.builder("accounts-sync.timer")
        .section("Unit")
        .add(
            "Description",
            "Bring this machine's accounts in line with the identity provider every minute")
        .section("Timer")
        .add("OnBootSec", "30s")
        .add("OnUnitInactiveSec", "60s")
        .add("Unit", "accounts-sync.service")
        .section("Install")
        .add("WantedBy", "timers.target")
        .build();
  }
}
