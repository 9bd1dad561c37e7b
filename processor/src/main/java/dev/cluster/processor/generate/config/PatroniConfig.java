package dev.cluster.processor.generate.config;

import dev.cluster.contract.patroni.PatroniHa;
import dev.cluster.contract.patroni.PatroniScope;
import dev.cluster.processor.generate.units.Agents;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PostgresSpec;
import dev.cluster.processor.model.ServiceSpec;

/**
 * The Patroni configuration one database's members share. What differs per member (its name, its
 * addresses) and the passwords come from the {@code PATRONI_*} variables its unit sets.
 *
 * <p>The HA settings are the contract's {@link PatroniHa#ZERO_LOSS} (which explains each), which
 * the runtime renders too: a synchronous database is strict, no commit is acknowledged before a
 * standby has it, even with no standby left; an asynchronous one keeps every other setting ({@link
 * PatroniHa#synchronous}). The scope and namespace are the contract's {@link PatroniScope}, which
 * the ambassadors follow.
 */
final class PatroniConfig {
  /**
   * The postgres-patroni image's script that creates the app's role and database
   * (containers/postgres-patroni).
   */
  static final String POST_BOOTSTRAP = "patroni-post-bootstrap";

  private PatroniConfig() {}

  /** The database's Patroni scope, which its users' ambassadors follow. */
  static PatroniScope scope(ClusterModel model, ServiceSpec database) {
    return PatroniScope.of(model.cluster().name(), database.name());
  }

  static String yaml(ClusterModel model, ServiceSpec database) {
    PostgresSpec postgres = database.postgres().orElseThrow();
    String etcdHost = Agents.ETCD.substring("http://".length());
    String vpc = model.cluster().vpcCidr();
    PatroniScope scope = scope(model, database);
    PatroniHa ha = PatroniHa.ZERO_LOSS.synchronous(postgres.synchronous());
    return "# Patroni configuration of "
        + database.name()
        + " in cluster "
        + model.cluster().name()
        + ", shared by its members.\n"
        + "# Each member's name and addresses come from the PATRONI_* variables its unit sets.\n"
        + "scope: "
        + scope.scope()
        + "\n"
        + "namespace: "
        + scope.namespace()
        + "\n"
        + "etcd3:\n"
        + "  hosts: "
        + etcdHost
        + "\n"
        + "bootstrap:\n"
        + "  dcs:\n"
        + "    ttl: "
        + ha.timing().ttl()
        + "\n"
        + "    loop_wait: "
        + ha.timing().loopWait()
        + "\n"
        + "    retry_timeout: "
        + ha.timing().retryTimeout()
        + "\n"
        + "    maximum_lag_on_failover: "
        + ha.maximumLagOnFailover()
        + "\n"
        + "    failsafe_mode: "
        + ha.failsafeMode()
        + "\n"
        + "    synchronous_mode: "
        + ha.synchronousMode()
        + "\n"
        + "    synchronous_mode_strict: "
        + ha.synchronousModeStrict()
        + "\n"
        + "    postgresql:\n"
        + "      use_pg_rewind: "
        + ha.usePgRewind()
        + "\n"
        + "      use_slots: true\n"
        + "      parameters:\n"
        + "        wal_level: replica\n"
        + "        hot_standby: 'on'\n"
        + "        wal_log_hints: 'on'\n"
        + "        max_wal_senders: 10\n"
        + "        max_replication_slots: 10\n"
        + "        password_encryption: scram-sha-256\n"
        + "  initdb:\n"
        + "    - encoding: UTF8\n"
        + "    - data-checksums\n"
        + "  # The app's own role (its password from POSTGRES_APP_PASSWORD) and the database it owns; Patroni\n"
        + "  # appends the superuser's connection string.\n"
        + "  post_bootstrap: "
        + postBootstrap(postgres.role(), postgres.database())
        + "\n"
        + "postgresql:\n"
        + "  data_dir: /var/lib/postgresql/data/pgdata\n"
        + "  pg_hba:\n"
        + "    - local all all trust\n"
        + "    - host all all 127.0.0.1/32 scram-sha-256\n"
        + "    - host replication replicator "
        + vpc
        + " scram-sha-256\n"
        + "    - host all all "
        + vpc
        + " scram-sha-256\n"
        + "  authentication:\n"
        + "    superuser:\n"
        + "      username: postgres\n"
        + "    replication:\n"
        + "      username: replicator\n"
        + "    rewind:\n"
        + "      username: rewind\n"
        + "watchdog:\n"
        + "  mode: "
        + ha.watchdog().yaml()
        + "\n"
        + "  device: "
        + PatroniHa.WATCHDOG_DEVICE
        + "\n"
        + "  safety_margin: "
        + PatroniHa.Watchdog.SAFETY_MARGIN
        + "\n";
  }

  /**
   * The image's {@code patroni-post-bootstrap ROLE DATABASE}, each name one shell word (Patroni
   * splits the command as a shell would), the whole one YAML scalar.
   */
  private static String postBootstrap(String role, String database) {
    String command = POST_BOOTSTRAP + " " + shellWord(role) + " " + shellWord(database);
    return command.contains("\"") ? "'" + command.replace("'", "''") + "'" : command;
  }

  private static String shellWord(String name) {
    return name.matches("[A-Za-z0-9_]+") ? name : '"' + name.replace("\"", "") + '"';
  }
}
