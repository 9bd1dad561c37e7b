package dev.cluster.runtime.patroni;

import java.util.List;

/**
 * Everything that makes one Patroni member's configuration; {@link PatroniYaml#render} turns it into Patroni's YAML.
 * The annotation processor builds the same record from a cluster declaration.
 *
 * @param scope            the cluster name; Patroni keeps its keys under {@code <namespace><scope>/}
 * @param name             this member, unique in the scope
 * @param namespace        etcd key prefix, Patroni's default {@code /service/}
 * @param etcd3Hosts       {@code host:port} client addresses of etcd (v3 API)
 * @param restApi          where Patroni's REST API listens, {@code host:port} (also its connect address)
 * @param postgresHost     address PostgreSQL listens on and advertises
 * @param postgresPort     PostgreSQL's port
 * @param dataDir          PGDATA
 * @param binDir           PostgreSQL's binaries, e.g. {@code /usr/lib/postgresql/17/bin}
 * @param socketDir        unix socket directory (Patroni talks to its own PostgreSQL through it)
 * @param clientNetworks   CIDRs allowed to connect with a password, e.g. {@code 127.0.0.1/32}
 * @param superuser        superuser credentials
 * @param replication      replication-user credentials
 * @param synchronousMode  commits wait for a synchronous standby, and only such a standby may be promoted
 * @param failsafeMode     keeps the primary running while etcd is unreachable if every member still sees it
 * @param usePgRewind      lets a former primary rejoin as a standby without a full copy
 * @param timing           Patroni's HA loop timing
 */
public record PatroniMember(String scope, String name, String namespace, List<String> etcd3Hosts, String restApi,
                            String postgresHost, int postgresPort, String dataDir, String binDir, String socketDir,
                            List<String> clientNetworks, Credentials superuser, Credentials replication,
                            boolean synchronousMode, boolean failsafeMode, boolean usePgRewind, Timing timing) {

    public PatroniMember {
        etcd3Hosts = List.copyOf(etcd3Hosts);
        clientNetworks = List.copyOf(clientNetworks);
        if (etcd3Hosts.isEmpty()) {
            throw new IllegalArgumentException("Patroni needs at least one etcd host");
        }
    }

    public record Credentials(String username, String password) {
    }

    /**
     * Patroni's HA timing. Patroni refuses a {@code ttl} below 20 s and needs {@code loop_wait + 2 * retry_timeout
     * <= ttl} so that a primary that cannot reach etcd demotes itself before its leader key expires.
     * {@link #FAST_FAILOVER} (20 / 2 / 9) gives a failover about 20-25 s after a primary's machine dies, where
     * Patroni's defaults (30 / 10 / 10) give 30-40 s; a 2 s loop costs one small etcd write every 2 s per member.
     */
    public record Timing(int ttl, int loopWait, int retryTimeout) {

        public static final Timing FAST_FAILOVER = new Timing(20, 2, 9);

        public Timing {
            if (ttl < 20) {
                throw new IllegalArgumentException("Patroni's minimum ttl is 20 s, got " + ttl);
            }
            if (loopWait < 1 || retryTimeout < 3 || loopWait + 2 * retryTimeout > ttl) {
                throw new IllegalArgumentException("need loop_wait + 2 * retry_timeout <= ttl: " + this);
            }
        }
    }
}
