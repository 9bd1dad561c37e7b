package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MariaDB answers queries over TCP with the user its environment created. Electing one of several
 * MariaDB containers is the runtime's elect agent's job, tested there, not here.
 */
class MariadbImageTest {

  @Test
  void createsItsUserAndAnswersAQuery() {
    String image = Podman.image("mariadb");
    int port = Wait.freePort();
    try (var db = Podman.run(image, List.of("-e", "MARIADB_PORT=" + port, "-e", "MARIADB_USER=app",
        "-e", "MARIADB_PASSWORD=app-secret", "-e", "MARIADB_DATABASE=appdb"))) {
      db.awaitHealthy(Duration.ofSeconds(60));
      db.awaitPort(port, Duration.ofSeconds(30));
      String sql = "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'written');"
          + " SELECT body FROM notes WHERE id = 1;";
      var result = db.exec("mariadb", "--protocol=TCP", "-h", "127.0.0.1", "-P", String.valueOf(port), "-u", "app",
          "-papp-secret", "-N", "-B", "appdb", "-e", sql).orFail();
      assertEquals("written\n", result.out());
      assertEquals("mysql\n", db.exec("id", "-un").orFail().out(), "runs as the mysql user");
    }
  }
}
