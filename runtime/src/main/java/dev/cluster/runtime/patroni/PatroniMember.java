package dev.cluster.runtime.patroni;

import dev.cluster.contract.patroni.PatroniHa;
import java.util.List;

/**
 * Everything that makes one Patroni member's configuration; {@link PatroniYaml#render} turns it
 * into Patroni's YAML. The annotation processor builds the same record from a cluster declaration.
 *
 * @param scope the cluster name; Patroni keeps its keys under {@code <namespace><scope>/}
 * @param name this member, unique in the scope
 * @param namespace etcd key prefix, Patroni's default {@code /service/}
 * @param etcd3Hosts {@code host:port} client addresses of etcd (v3 API)
 * @param restApi where Patroni's REST API listens, {@code host:port} (also its connect address)
 * @param postgresHost address PostgreSQL listens on and advertises
 * @param postgresPort PostgreSQL's port
 * @param dataDir PGDATA
 * @param binDir PostgreSQL's binaries, e.g. {@code /usr/lib/postgresql/17/bin}
 * @param socketDir unix socket directory (Patroni talks to its own PostgreSQL through it)
 * @param clientNetworks CIDRs allowed to connect with a password, e.g. {@code 127.0.0.1/32}
 * @param superuser superuser credentials
 * @param replication replication-user credentials
 * @param ha how Patroni keeps acknowledged writes and fails over (the contract's, which the
 *     processor's configurations render too)
 */
public record PatroniMember(
    String scope,
    String name,
    String namespace,
    List<String> etcd3Hosts,
    String restApi,
    String postgresHost,
    int postgresPort,
    String dataDir,
    String binDir,
    String socketDir,
    List<String> clientNetworks,
    Credentials superuser,
    Credentials replication,
    PatroniHa ha) {

  public PatroniMember {
    etcd3Hosts = List.copyOf(etcd3Hosts);
    clientNetworks = List.copyOf(clientNetworks);
    if (etcd3Hosts.isEmpty()) {
      throw new IllegalArgumentException("Patroni needs at least one etcd host");
    }
  }

  public record Credentials(String username, String password) {}
}
