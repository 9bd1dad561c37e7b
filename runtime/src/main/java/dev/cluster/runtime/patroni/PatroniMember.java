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
 * @param ha               how Patroni keeps acknowledged writes and fails over
 */
public record PatroniMember(String scope, String name, String namespace, List<String> etcd3Hosts, String restApi,
                            String postgresHost, int postgresPort, String dataDir, String binDir, String socketDir,
                            List<String> clientNetworks, Credentials superuser, Credentials replication,
                            HighAvailability ha) {

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
     * The settings that decide whether an acknowledged write can be lost and how fast a standby takes over.
     * {@link #ZERO_LOSS} is what the cluster's databases run (the processor's generated configuration and the
     * image's defaults agree with it):
     * <ul>
     *   <li>{@code synchronous_mode} with {@code synchronous_mode_strict}: a commit is acknowledged only once a
     *       standby has it, and only that standby may be promoted. Strict, because without it Patroni lets the
     *       primary go on alone (asynchronously) when no standby is streaming, and those writes exist on one
     *       machine only. The price: with every standby gone, commits wait until one is back; with three members
     *       that takes two failures at once.
     *   <li>{@code failsafe_mode}: a primary that loses etcd but still reaches every member keeps running, so an
     *       etcd outage does not stop writes.
     *   <li>{@code use_pg_rewind}: a former primary rejoins as a standby (its unacknowledged tail rewound) without
     *       a full copy.
     *   <li>a watchdog in {@code automatic} mode: where {@code /dev/watchdog} exists (softdog on the cluster's
     *       machines), a primary whose Patroni hangs is reset before its leader key expires, so it cannot resume
     *       as a second primary; where none exists Patroni runs without one.
     * </ul>
     */
    public record HighAvailability(boolean synchronousMode, boolean synchronousModeStrict, boolean failsafeMode,
                                   boolean usePgRewind, Watchdog watchdog, Timing timing) {

        public static final HighAvailability ZERO_LOSS = new HighAvailability(true, true, true, true,
                Watchdog.AUTOMATIC, Timing.FAST_FAILOVER);

        public HighAvailability {
            if (synchronousModeStrict && !synchronousMode) {
                throw new IllegalArgumentException("synchronous_mode_strict needs synchronous_mode");
            }
        }
    }

    /** Patroni's {@code watchdog.mode}: {@code off}, {@code automatic} (use it if present) or {@code required}. */
    public enum Watchdog {
        OFF, AUTOMATIC, REQUIRED;

        /** Patroni resets the machine this many seconds before the leader key would expire. */
        public static final int SAFETY_MARGIN = 5;

        public String yaml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Patroni's HA timing. Patroni refuses a {@code ttl} below 20 s and needs {@code loop_wait + 2 * retry_timeout
     * <= ttl} so that a primary that cannot reach etcd demotes itself before its leader key expires.
     * {@link #FAST_FAILOVER} (20 / 1 / 5) is the fastest Patroni accepts: a standby takes over about 20 s after a
     * primary's machine dies (the leader key's ttl; standbys watch the key, so they act as soon as it expires),
     * where Patroni's defaults (30 / 10 / 10) give 30-40 s. A 1 s loop costs one small etcd write a second per
     * member and lets Patroni react within a second to anything it polls (a new standby to make synchronous, a
     * lost leader key); 5 s of etcd retries ride out an etcd leader election (about 1 s).
     */
    public record Timing(int ttl, int loopWait, int retryTimeout) {

        public static final Timing FAST_FAILOVER = new Timing(20, 1, 5);

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
