package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MediaWiki installs itself on Postgres with its own maintenance/install.php, then serves its main page
 * through nginx and php-fpm. The database is a plain PostgreSQL 17 from the postgres-patroni image (the
 * wiki does not care who runs it).
 */
class MediawikiImageTest {

  @Test
  void installsOnPostgresAndServesItsMainPage() {
    String wikiImage = Podman.image("mediawiki");
    String postgresImage = Podman.image("postgres-patroni");
    int pgPort = Wait.freePort();
    int httpPort = Wait.freePort();
    try (var postgres = Podman.run(postgresImage, List.of("--entrypoint", "sh"), "-c",
            "initdb -D /tmp/pg -U postgres -A trust >/dev/null && exec postgres -D /tmp/pg -p " + pgPort
                + " -c listen_addresses=127.0.0.1 -k /tmp");
        var wiki = Podman.run(wikiImage, List.of("-e", "HTTP_PORT=" + httpPort))) {
      postgres.awaitPort(pgPort, Duration.ofSeconds(60));
      postgres.exec("psql", "-h", "127.0.0.1", "-p", String.valueOf(pgPort), "-U", "postgres",
          "-c", "CREATE ROLE wiki LOGIN PASSWORD 'wiki-secret'", "-c", "CREATE DATABASE wiki OWNER wiki").orFail();
      wiki.awaitHealthy(Duration.ofSeconds(60));

      wiki.exec("php", "/var/lib/mediawiki/maintenance/install.php", "--dbtype=postgres", "--dbserver=127.0.0.1",
          "--dbport=" + pgPort, "--dbname=wiki", "--dbuser=wiki", "--dbpass=wiki-secret",
          "--server=http://127.0.0.1:" + httpPort, "--scriptpath=", "--pass=Admin-password-123",
          "--confpath=/etc/mediawiki", "Team Wiki", "Admin").orFail();

      Http.Response page = Http.get(httpPort, "127.0.0.1:" + httpPort, "/index.php?title=Main_Page");
      assertEquals(200, page.status(), page.headers());
      assertTrue(page.body().contains("MediaWiki has been installed"), page.body());
      assertTrue(page.body().contains("Team Wiki"), "the wiki's name is on its page");
      assertEquals("www-data\n", wiki.exec("id", "-un").orFail().out());

      // When php-fpm dies, the container must stop too, for the engine to restart the whole wiki.
      // No orFail: the exec may die with the container it stops.
      wiki.exec("sh", "-c", "for p in /proc/[0-9]*; do case \"$(tr '\\0' ' ' < $p/cmdline)\" in"
          + " 'php-fpm: master'*) kill -9 ${p#/proc/};; esac; done 2>/dev/null");
      Wait.until(Duration.ofSeconds(20), "the wiki's container stops with its php-fpm", () -> !wiki.running(),
          wiki::logs);
    }
  }
}
