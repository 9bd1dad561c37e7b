package dev.cluster.runtime.patroni;

import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import dev.cluster.runtime.testing.TrixieRoot;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.cluster.runtime.etcd.Etcd.bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Three Patroni 4 / PostgreSQL 17 members behind an ambassador following Patroni's leader key: when the primary's
 * machine dies, clients of the ambassador are cut from it and reach the new primary, which has every committed row.
 */
class PatroniFailoverTest {

    @RegisterExtension
    static final EtcdCluster ETCD = new EtcdCluster(3);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path logs;

    @BeforeEach
    void forgetEarlierClusters() throws Exception {
        try (Client etcd = ETCD.client()) {
            etcd.getKVClient().delete(bytes("/service/"), DeleteOption.builder().isPrefix(true).build()).get(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts the ambassador for scope pg once the cluster has settled, checking Patroni's /primary as HAProxy
     * setups for Patroni do; returns its JDBC URL.
     */
    private String ambassadorFor(PatroniCluster cluster, Processes ambassador, Client etcd) throws Exception {
        cluster.awaitSettled(etcd, Duration.ofSeconds(90));
        int port = FreePorts.next();
        Path config = logs.resolve("postgres.json");
        Files.writeString(config, """
                {"name": "postgres", "listenPort": %d, "mode": "leader",
                 "target": {"kind": "patroni", "scope": "pg"},
                 "healthCheck": {"kind": "http", "path": "/primary", "port": %d, "intervalMs": 500}}"""
                .formatted(port, cluster.apiPort()));
        ambassador.startAgent(List.of("ambassador", "--etcd", ETCD.endpoints(), "--config", config.toString(),
                "--run-dir", logs.resolve("ambassador").toString()), logs.resolve("ambassador.log"));
        String url = PatroniCluster.jdbcUrl("127.0.0.1", port);
        assertNotNull(Eventually.within(Duration.ofSeconds(20), () -> execute(url,
                "create table if not exists t(id int primary key)")), "no connection through the ambassador");
        return url;
    }

    private static int insert(String url, int from, int count) {
        for (int id = from; id < from + count; id++) {
            if (!execute(url, "insert into t values (" + id + ")")) {
                throw new IllegalStateException("insert " + id + " failed");
            }
        }
        return count;
    }

    @Test
    void ambassadorFollowsPatroniFailoverWithoutLosingCommittedRows() throws Exception {
        TrixieRoot root = TrixieRoot.require();
        try (PatroniCluster cluster = new PatroniCluster(root, 3, ETCD.endpoints(), logs);
             Processes ambassador = new Processes(); Client etcd = ETCD.client()) {
            cluster.startAll();
            String primary = cluster.awaitPrimary(Duration.ofSeconds(60));
            String throughAmbassador = ambassadorFor(cluster, ambassador, etcd);
            int committed = insert(throughAmbassador, 0, 50);
            try (Connection held = DriverManager.getConnection(throughAmbassador)) {
                assertEquals(cluster.member(primary).postgresHost(), serverAddress(held));

                cluster.crash(primary);
                Duration failover = Eventually.within(Duration.ofSeconds(60),
                        () -> execute(throughAmbassador, "insert into t values (1000)"));
                assertNotNull(failover, "no write through the ambassador within 60 s of the primary's crash; logs " + logs);
                String newPrimary = cluster.awaitPrimary(Duration.ofSeconds(5));
                assertNotEquals(primary, newPrimary);
                System.out.printf("patroni: writes through the ambassador resumed %d ms after the primary crashed (ttl %d s)%n",
                        failover.toMillis(), PatroniMember.Timing.FAST_FAILOVER.ttl());

                assertThrows(SQLException.class, () -> held.createStatement().execute("select 1"),
                        "the connection to the crashed primary must be gone");
                try (Connection fresh = DriverManager.getConnection(throughAmbassador)) {
                    assertEquals(cluster.member(newPrimary).postgresHost(), serverAddress(fresh));
                    assertEquals(committed + 1, count(fresh), "every acknowledged row must survive the failover");
                }
            }
        }
    }

    /** The case Debian 12's Patroni 3.0.2 with etcd3 gets wrong (leader key written without compare-and-swap). */
    @Test
    void frozenPrimaryThatResumesRejoinsAsReplicaWithoutLosingAcknowledgedWrites() throws Exception {
        TrixieRoot root = TrixieRoot.require();
        try (PatroniCluster cluster = new PatroniCluster(root, 3, ETCD.endpoints(), logs);
             Processes ambassador = new Processes(); Client etcd = ETCD.client()) {
            cluster.startAll();
            String frozen = cluster.awaitPrimary(Duration.ofSeconds(60));
            String throughAmbassador = ambassadorFor(cluster, ambassador, etcd);
            int acknowledged = insert(throughAmbassador, 0, 20);

            cluster.freeze(frozen);
            assertNotNull(Eventually.within(Duration.ofSeconds(60), () -> execute(throughAmbassador, "insert into t values (1000)")),
                    "no write through the ambassador within 60 s of freezing the primary; logs " + logs);
            acknowledged += 1;
            String successor = cluster.awaitPrimary(Duration.ofSeconds(5));
            assertNotEquals(frozen, successor);
            acknowledged += insert(throughAmbassador, 2000, 20);

            cluster.thaw(frozen);
            Duration rejoined = Eventually.within(Duration.ofSeconds(90), () -> cluster.replica(frozen));
            assertNotNull(rejoined, "the resumed primary did not rejoin as a replica; logs " + logs);
            System.out.printf("patroni: a primary frozen through the failover rejoined as a replica %d ms after it resumed%n",
                    rejoined.toMillis());
            acknowledged += insert(throughAmbassador, 3000, 5);
            try (Connection fresh = DriverManager.getConnection(throughAmbassador)) {
                assertEquals(cluster.member(successor).postgresHost(), serverAddress(fresh),
                        "the resumed primary must not take the leadership back");
                assertEquals(acknowledged, count(fresh), "every acknowledged row must survive the resumed primary");
            }
        }
    }

    private static boolean execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return true;
        } catch (SQLException notNow) {
            return false;
        }
    }

    private static String serverAddress(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("select host(inet_server_addr())")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
