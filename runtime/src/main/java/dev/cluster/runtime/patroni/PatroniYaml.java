package dev.cluster.runtime.patroni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.patroni.PatroniHa;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders one member's Patroni (4.x) configuration. A pure function of {@link PatroniMember}; every
 * string is written as a JSON string literal, which YAML reads as the same string whatever
 * characters it holds.
 */
public final class PatroniYaml {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static String render(PatroniMember m) {
    String postgres = m.postgresHost() + ":" + m.postgresPort();
    PatroniHa ha = m.ha();
    return """
                scope: %s
                name: %s
                namespace: %s
                restapi:
                  listen: %s
                  connect_address: %s
                etcd3:
                  hosts: %s
                  protocol: http
                bootstrap:
                  dcs:
                    ttl: %d
                    loop_wait: %d
                    retry_timeout: %d
                    maximum_lag_on_failover: %d
                    synchronous_mode: %s
                    synchronous_mode_strict: %s
                    failsafe_mode: %s
                    postgresql:
                      use_pg_rewind: %s
                      use_slots: true
                      parameters:
                        wal_level: replica
                        hot_standby: "on"
                        wal_log_hints: "on"
                        max_wal_senders: 10
                        max_replication_slots: 10
                        wal_retrieve_retry_interval: 200ms
                  initdb:
                    - encoding: UTF8
                    - data-checksums
                postgresql:
                  listen: %s
                  connect_address: %s
                  data_dir: %s
                  bin_dir: %s
                  pgpass: %s
                  authentication:
                    superuser:
                      username: %s
                      password: %s
                    replication:
                      username: %s
                      password: %s
                    rewind:
                      username: %s
                      password: %s
                  parameters:
                    unix_socket_directories: %s
                  pg_hba:
                %s
                watchdog:
                  mode: %s
                  device: %s
                  safety_margin: %d
                """
        .formatted(
            q(m.scope()),
            q(m.name()),
            q(m.namespace()),
            q(m.restApi()),
            q(m.restApi()),
            flow(m.etcd3Hosts()),
            ha.timing().ttl(),
            ha.timing().loopWait(),
            ha.timing().retryTimeout(),
            ha.maximumLagOnFailover(),
            ha.synchronousMode(),
            ha.synchronousModeStrict(),
            ha.failsafeMode(),
            ha.usePgRewind(),
            q(postgres),
            q(postgres),
            q(m.dataDir()),
            q(m.binDir()),
            q(m.dataDir() + ".pgpass"),
            q(m.superuser().username()),
            q(m.superuser().password()),
            q(m.replication().username()),
            q(m.replication().password()),
            q(m.superuser().username()),
            q(m.superuser().password()),
            q(m.socketDir()),
            pgHba(m),
            ha.watchdog().yaml(),
            PatroniHa.WATCHDOG_DEVICE,
            PatroniHa.Watchdog.SAFETY_MARGIN);
  }

  private static String pgHba(PatroniMember m) {
    StringBuilder lines = new StringBuilder("    - " + q("local all all scram-sha-256"));
    for (String network : m.clientNetworks()) {
      lines
          .append("\n    - ")
          .append(
              q(
                  "host replication "
                      + m.replication().username()
                      + " "
                      + network
                      + " scram-sha-256"));
      lines.append("\n    - ").append(q("host all all " + network + " scram-sha-256"));
    }
    return lines.toString();
  }

  private static String flow(List<String> items) {
    return items.stream().map(PatroniYaml::q).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String q(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private PatroniYaml() {}
}
