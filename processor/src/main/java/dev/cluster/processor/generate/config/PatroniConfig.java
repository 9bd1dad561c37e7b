package dev.cluster.processor.generate.config;

import dev.cluster.processor.generate.units.Agents;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PostgresSpec;
import dev.cluster.processor.model.ServiceSpec;

/**
 * The Patroni configuration one database's members share. What differs per member (its name, its
 * addresses) and the passwords come from the {@code PATRONI_*} variables its unit sets.
 *
 * <p>The HA settings are the runtime's zero-loss ones ({@code PatroniMember.HighAvailability.ZERO_LOSS}
 * in the runtime, which explains each; team-cluster's tests check the two agree): a leader that stops
 * renewing its key loses it after {@value #TTL} s (Patroni's minimum); members run their loop every
 * {@value #LOOP_WAIT} s and retry etcd for {@value #RETRY_TIMEOUT} s, within Patroni's constraint
 * {@code loop_wait + 2 * retry_timeout <= ttl}. A synchronous database is strict: no commit is acknowledged
 * before a standby has it, even with no standby left. Failsafe mode keeps a leader that loses etcd but still
 * reaches every member from demoting itself; pg_rewind lets a former leader rejoin as a replica without a
 * fresh copy; the watchdog (automatic: used where the machine has {@code /dev/watchdog}) resets a machine
 * whose Patroni hangs {@value #WATCHDOG_SAFETY_MARGIN} s before its leader key would expire.
 */
final class PatroniConfig {
  static final int TTL = 20;
  static final int LOOP_WAIT = 1;
  static final int RETRY_TIMEOUT = 5;
  static final int WATCHDOG_SAFETY_MARGIN = 5;
  /** Patroni's default namespace; the ambassadors' {@code patroni} target names it too. */
  static final String NAMESPACE = "/service/";
  /** The postgres-patroni image's script that creates the app's role and database (containers/postgres-patroni). */
  static final String POST_BOOTSTRAP = "patroni-post-bootstrap";

  private PatroniConfig() {}

  /** The database's Patroni scope, which its users' ambassadors follow. */
  static String scope(ClusterModel model, ServiceSpec database) {
    return model.cluster().name() + "-" + database.name();
  }

  static String yaml(ClusterModel model, ServiceSpec database) {
    PostgresSpec postgres = database.postgres().orElseThrow();
    String etcdHost = Agents.ETCD.substring("http://".length());
    String vpc = model.cluster().vpcCidr();
    return "# Patroni configuration of " + database.name() + " in cluster " + model.cluster().name()
        + ", shared by its members.\n"
        + "# Each member's name and addresses come from the PATRONI_* variables its unit sets.\n"
        + "scope: " + scope(model, database) + "\n"
        + "namespace: " + NAMESPACE + "\n"
        + "etcd3:\n"
        + "  hosts: " + etcdHost + "\n"
        + "bootstrap:\n"
        + "  dcs:\n"
        + "    ttl: " + TTL + "\n"
        + "    loop_wait: " + LOOP_WAIT + "\n"
        + "    retry_timeout: " + RETRY_TIMEOUT + "\n"
        + "    maximum_lag_on_failover: 1048576\n"
        + "    failsafe_mode: true\n"
        + "    synchronous_mode: " + postgres.synchronous() + "\n"
        + "    synchronous_mode_strict: " + postgres.synchronous() + "\n"
        + "    postgresql:\n"
        + "      use_pg_rewind: true\n"
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
        + "  post_bootstrap: " + postBootstrap(postgres.role(), postgres.database()) + "\n"
        + "postgresql:\n"
        + "  data_dir: /var/lib/postgresql/data/pgdata\n"
        + "  pg_hba:\n"
        + "    - local all all trust\n"
        + "    - host all all 127.0.0.1/32 scram-sha-256\n"
        + "    - host replication replicator " + vpc + " scram-sha-256\n"
        + "    - host all all " + vpc + " scram-sha-256\n"
        + "  authentication:\n"
        + "    superuser:\n"
        + "      username: postgres\n"
        + "    replication:\n"
        + "      username: replicator\n"
        + "    rewind:\n"
        + "      username: rewind\n"
        + "watchdog:\n"
        + "  mode: automatic\n"
        + "  device: /dev/watchdog\n"
        + "  safety_margin: " + WATCHDOG_SAFETY_MARGIN + "\n";
  }

  /**
   * The image's {@code patroni-post-bootstrap ROLE DATABASE}, each name one shell word (Patroni splits the
   * command as a shell would), the whole one YAML scalar.
   */
  private static String postBootstrap(String role, String database) {
    String command = POST_BOOTSTRAP + " " + shellWord(role) + " " + shellWord(database);
    return command.contains("\"") ? "'" + command.replace("'", "''") + "'" : command;
  }

  private static String shellWord(String name) {
    return name.matches("[A-Za-z0-9_]+") ? name : '"' + name.replace("\"", "") + '"';
  }
}
