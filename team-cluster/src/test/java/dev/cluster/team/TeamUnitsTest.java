package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The team cluster gets the seed's whole unit set for Gerrit and the front door, and the configs they fetch. */
class TeamUnitsTest {
  private static final Path OUTPUT = Path.of("target/classes/cluster/team");

  @Test
  void gerritAndTheFrontDoorHaveTheSeedsUnitSet() throws IOException {
    try (Stream<Path> units = Files.list(OUTPUT.resolve("units"))) {
      // The other services (sign-in, keys, SFTP) add their own units: TeamSignInTest.
      List<String> all = units.map(p -> p.getFileName().toString()).sorted().toList();
      assertTrue(all.containsAll(List.of(
              "gerrit-amb-gerrit-db@.service",
              "gerrit-db-pod@.service",
              "gerrit-db-presence@.service",
              "gerrit-db@.service",
              "gerrit-pod@.service",
              "gerrit-presence@.service",
              "gerrit-volume-data-git@.service",
              "gerrit@.service",
              "nginx-dns-updater.service",
              "nginx-pod@.service",
              "nginx-presence@.service",
              "nginx@.service",
              "sync-syncthing.service")), all.toString());
    }
  }

  @Test
  void gerritIsElectedAndReachesItsDatabaseThroughTheAmbassador() throws IOException {
    String gerrit = Files.readString(OUTPUT.resolve("units/gerrit@.service"));
    assertTrue(gerrit.contains("elect --name gerrit --ttl 5 --etcd http://127.0.0.1:2379 -- docker run"), gerrit);
    assertTrue(gerrit.contains("    -e DB_HOST=172.17.0.1 \\\n    -e DB_PORT=15000 \\\n    -e DB_NAME=gerrit \\\n"),
        gerrit);
    assertTrue(gerrit.contains("Requires=docker.service gerrit-amb-gerrit-db@%i.service gerrit-volume-data-git@%i.service"),
        gerrit);
    String haproxy = Files.readString(OUTPUT.resolve("config/ambassadors/gerrit/gerrit-db.haproxy.cfg"));
    assertTrue(haproxy.contains("bind 172.17.0.1:15000") && haproxy.contains("option httpchk GET /primary"), haproxy);
  }

  @Test
  void theDatabaseRunsPatroniWithTheDocumentedTimings() throws IOException {
    String patroni = Files.readString(OUTPUT.resolve("config/patroni/gerrit-db.yml"));
    for (String setting : List.of("ttl: 20", "loop_wait: 2", "retry_timeout: 5", "failsafe_mode: true",
        "synchronous_mode: true", "use_pg_rewind: true")) {
      assertTrue(patroni.contains(setting), setting + " in\n" + patroni);
    }
    String pod = Files.readString(OUTPUT.resolve("units/gerrit-db-pod@.service"));
    assertTrue(pod.contains("Conflicts=gerrit-db-pod@*.service"), pod);
  }

  @Test
  void theDnsUpdaterFollowsTheFrontDoor() throws IOException {
    String updater = Files.readString(OUTPUT.resolve("units/nginx-dns-updater.service"));
    assertTrue(updater.contains("dns-updater --zone ${HOSTED_ZONE_ID} --name dev.example.com --name *.dev.example.com"
        + " --service nginx"), updater);
    String presence = Files.readString(OUTPUT.resolve("units/nginx-presence@.service"));
    assertTrue(presence.contains("presence --service nginx --instance %i") && presence.contains("--public"), presence);
  }
}
