package dev.cluster.runtime.patroni;

import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import dev.cluster.runtime.testing.TrixieRoot;
import io.etcd.jetcd.Client;
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

    @Test
    void ambassadorFollowsPatroniFailoverWithoutLosingCommittedRows() throws Exception {
        TrixieRoot root = TrixieRoot.require();
        try (PatroniCluster cluster = new PatroniCluster(root, 3, ETCD.endpoints(), logs);
             Processes ambassador = new Processes(); Client etcd = ETCD.client()) {
            cluster.startAll();
            String primary = cluster.awaitPrimary(Duration.ofSeconds(60));
            cluster.awaitSettled(etcd, Duration.ofSeconds(90));

            int port = FreePorts.next();
            Path config = logs.resolve("postgres.json");
            Files.writeString(config, """
                    {"name": "postgres", "listenPort": %d, "mode": "leader",
                     "target": {"kind": "patroni", "scope": "pg"}, "healthCheck": {"kind": "tcp", "intervalMs": 500}}"""
                    .formatted(port));
            ambassador.startAgent(List.of("ambassador", "--etcd", ETCD.endpoints(), "--config", config.toString(),
                    "--run-dir", logs.resolve("ambassador").toString()), logs.resolve("ambassador.log"));
            String throughAmbassador = PatroniCluster.jdbcUrl("127.0.0.1", port);
            assertNotNull(Eventually.within(Duration.ofSeconds(20), () -> execute(throughAmbassador,
                    "create table if not exists t(id int primary key)")), "no connection through the ambassador");

            int committed = 0;
            for (; committed < 50; committed++) {
                execute(throughAmbassador, "insert into t values (" + committed + ")");
            }
            try (Connection held = DriverManager.getConnection(throughAmbassador)) {
                assertEquals(cluster.member(primary).postgresHost(), serverAddress(held));

                long crashedAt = System.nanoTime();
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
