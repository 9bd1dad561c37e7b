package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * MariaDB answers queries over TCP with the user its environment created, alone and as
 * team-cluster's units run it: through the generic election, one replica serving at a time.
 */
class MariadbImageTest {
  private static final String ELECTION = "intranet-mariadb";
  private static final Pattern PROPOSAL =
      Pattern.compile("\"host\":\"([^\"]+)\".*\"mysql\":(\\d+)");

  @Test
  void createsItsUserAndAnswersAQuery() {
    String image = Podman.image("mariadb");
    int port = Wait.freePort();
    try (var db =
        Podman.run(
            image,
            List.of(
                "-e",
                "MARIADB_PORT=" + port,
                "-e",
                "MARIADB_USER=app",
                "-e",
                "MARIADB_PASSWORD=app-secret",
                "-e",
                "MARIADB_DATABASE=appdb"))) {
      db.awaitHealthy(Duration.ofSeconds(60));
      db.awaitPort(port, Duration.ofSeconds(30));
      String sql =
          "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'written');"
              + " SELECT body FROM notes WHERE id = 1;";
      var result =
          db.exec(
                  "mariadb",
                  "--protocol=TCP",
                  "-h",
                  "127.0.0.1",
                  "-P",
                  String.valueOf(port),
                  "-u",
                  "app",
                  "-papp-secret",
                  "-N",
                  "-B",
                  "appdb",
                  "-e",
                  sql)
              .orFail();
      assertEquals("written\n", result.out());
      assertEquals("mysql\n", db.exec("id", "-un").orFail().out(), "runs as the mysql user");
    }
  }

  /**
   * Two contenders as the generated unit {@code intranet-mariadb@.service} has them: the agents
   * image's elect as root on the host's docker socket (podman's API here), wrapping {@code docker
   * run --rm --name C} of the MariaDB image with {@code --docker-container C}. Only the leader's
   * MariaDB runs, it is found through the election's proposal, and stopping its elect hands over to
   * the other contender. Each contender has its own data (the unit's volume): the hand-over, not
   * replication, is what is tested.
   */
  @Test
  void answersThroughTheElectionAndAfterItsLeaderStops() {
    String agents = Podman.image("agents");
    String mariadb = Podman.image("mariadb");
    try (DockerApiSocket docker = new DockerApiSocket();
        HostEtcd etcd = new HostEtcd();
        Contender one = Contender.start(agents, mariadb, docker, etcd);
        Contender two = Contender.start(agents, mariadb, docker, etcd)) {
      Contender leader = awaitLeader(etcd, List.of(one, two));
      Contender follower = leader == one ? two : one;
      assertEquals("written\n", query(mariadb, etcd), "SQL through the leader the election names");
      assertTrue(leader.mariadb().running(), leader.elect().logs());
      assertFalse(
          follower.mariadb().exists(), "only the leader runs MariaDB:\n" + follower.elect().logs());

      Command.run(Duration.ofSeconds(60), Podman.podman("stop", "-t", "20", leader.elect().name()))
          .orFail();
      assertEquals(follower, awaitLeader(etcd, List.of(follower)), "the other contender leads");
      assertEquals("written\n", query(mariadb, etcd), "SQL through the new leader");
      assertFalse(leader.mariadb().exists(), "the stopped leader's MariaDB is gone");
    }
  }

  /**
   * One replica of the unit: its elect container and the name of the MariaDB container it runs
   * while leading.
   */
  private record Contender(Podman.Container elect, Podman.Container mariadb, int port)
      implements AutoCloseable {
    static Contender start(String agents, String mariadb, DockerApiSocket docker, HostEtcd etcd) {
      int port = Wait.freePort();
      var db =
          new Podman.Container(
              "images-test-mariadb-" + UUID.randomUUID().toString().substring(0, 8));
      // The unit publishes 3306 on the machine's address; here both contenders share the host's
      // network.
      var elect =
          Podman.run(
              agents,
              docker.agentsOptions(),
              "elect",
              "--etcd",
              "http://" + etcd.hostPort(),
              "--name",
              ELECTION,
              "--ttl",
              "5",
              "--host",
              "127.0.0.1",
              "--docker-container",
              db.name(),
              "--port",
              "mysql=" + port,
              "--",
              "docker",
              "run",
              "--rm",
              "--name",
              db.name(),
              "--network",
              "host",
              "-e",
              "MARIADB_PORT=" + port,
              "-e",
              "MARIADB_USER=app",
              "-e",
              "MARIADB_PASSWORD=app-secret",
              "-e",
              "MARIADB_DATABASE=appdb",
              mariadb);
      return new Contender(elect, db, port);
    }

    @Override
    public void close() {
      elect.close();
      mariadb.close();
    }
  }

  /** The contender whose proposal leads the election, once its MariaDB listens. */
  private static Contender awaitLeader(HostEtcd etcd, List<Contender> candidates) {
    AtomicReference<Contender> leader = new AtomicReference<>();
    Wait.until(
        Duration.ofSeconds(120),
        "one of " + candidates + " leads " + ELECTION + " and listens",
        () -> {
          Matcher proposal = PROPOSAL.matcher(etcd.electionLeader(ELECTION));
          int port = proposal.find() ? Integer.parseInt(proposal.group(2)) : -1;
          leader.set(
              candidates.stream()
                  .filter(c -> c.port() == port && Wait.portOpen(port))
                  .findFirst()
                  .orElse(null));
          return leader.get() != null;
        },
        () ->
            "leader: "
                + etcd.electionLeader(ELECTION)
                + "\n"
                + String.join("\n", candidates.stream().map(c -> c.elect().logs()).toList()));
    return leader.get();
  }

  /**
   * Writes and reads a row over TCP, from a client container, at the address the election's leader
   * proposes.
   */
  private static String query(String mariadb, HostEtcd etcd) {
    Matcher proposal = PROPOSAL.matcher(etcd.electionLeader(ELECTION));
    assertTrue(proposal.find(), "a leader's proposal: " + etcd.electionLeader(ELECTION));
    String sql =
        "CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY, body TEXT);"
            + " REPLACE INTO notes VALUES (1, 'written'); SELECT body FROM notes WHERE id = 1;";
    AtomicReference<Command.Result> last = new AtomicReference<>();
    // The port may open a moment before the user the entrypoint creates can log in.
    Wait.until(
        Duration.ofSeconds(60),
        "SQL at " + proposal.group(1) + ":" + proposal.group(2),
        () -> {
          last.set(
              Podman.runOnce(
                  mariadb,
                  List.of("--entrypoint", "mariadb"),
                  "--protocol=TCP",
                  "-h",
                  proposal.group(1),
                  "-P",
                  proposal.group(2),
                  "-u",
                  "app",
                  "-papp-secret",
                  "-N",
                  "-B",
                  "appdb",
                  "-e",
                  sql));
          return last.get().ok();
        },
        () -> last.get() == null ? "" : last.get().describe());
    return last.get().out();
  }
}
