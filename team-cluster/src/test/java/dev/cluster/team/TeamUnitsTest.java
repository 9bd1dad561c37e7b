package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.patroni.PatroniHa;
import dev.cluster.runtime.ambassador.AmbassadorConfig;
import dev.cluster.runtime.ambassador.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The team cluster gets the seed's whole unit set for Gerrit and the front door (each synced volume
 * with its own Syncthing, no machine-wide sync engine), and the configs they fetch, with the
 * runtime agents' command lines (runtime/README.md).
 */
class TeamUnitsTest {
  private static final Path OUTPUT = Path.of("target/classes/cluster/team");

  @Test
  void gerritAndTheFrontDoorHaveTheSeedsUnitSet() throws IOException {
    try (Stream<Path> units = Files.list(OUTPUT.resolve("units"))) {
      // The other services (sign-in, keys, SFTP) add their own units: TeamSignInTest.
      List<String> all = units.map(p -> p.getFileName().toString()).sorted().toList();
      assertTrue(
          all.containsAll(
              List.of(
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
                  "nginx@.service")),
          all.toString());
      assertTrue(
          all.stream().noneMatch(name -> name.startsWith("sync-")),
          "no machine-wide sync engine: " + all);
    }
  }

  /**
   * Every config file a unit fetches from etcd was generated (the deploy stores exactly those in
   * etcd).
   */
  @Test
  void everyConfigAUnitFetchesWasGenerated() throws IOException {
    Pattern fetched =
        Pattern.compile("--key /cluster/team/config/(\\S+) --out /run/cluster/config/(\\S+)");
    int count = 0;
    try (Stream<Path> units = Files.list(OUTPUT.resolve("units"))) {
      for (Path unit : units.sorted().toList()) {
        Matcher key = fetched.matcher(Files.readString(unit));
        while (key.find()) {
          count++;
          assertEquals(
              key.group(1), key.group(2), unit + " writes the file where its mount reads it");
          assertTrue(
              Files.isRegularFile(OUTPUT.resolve("config").resolve(key.group(1))),
              unit + " fetches " + key.group(1) + ", which the build did not generate");
        }
      }
    }
    assertTrue(count > 20, "only " + count + " fetched configs");
  }

  /**
   * Keycloak imports the generated realm, nginx loads every server block, the API proxy reads its
   * APIs.
   */
  @Test
  void theIdentityProviderTheFrontDoorAndTheApiProxyMountTheirGeneratedConfigs()
      throws IOException {
    String keycloak = Files.readString(OUTPUT.resolve("units/keycloak@.service"));
    assertTrue(
        keycloak.contains(
            "-v /run/cluster/config/keycloak/team-realm.json:/opt/keycloak/data/import/team-realm.json:ro"),
        keycloak);
    String apis = Files.readString(OUTPUT.resolve("units/apis@.service"));
    assertTrue(
        apis.contains(
            "-v /run/cluster/config/apis/api-proxy.json:/etc/api-proxy/api-proxy.json:ro"),
        apis);
    String nginx = Files.readString(OUTPUT.resolve("units/nginx@.service"));
    try (Stream<Path> blocks = Files.list(OUTPUT.resolve("config/front-door"))) {
      List<String> names = blocks.map(p -> p.getFileName().toString()).sorted().toList();
      assertTrue(names.size() > 5, names.toString());
      for (String name : names) {
        assertTrue(
            nginx.contains(
                "-v /run/cluster/config/front-door/" + name + ":/etc/nginx/conf.d/" + name + ":ro"),
            name + " is not mounted:\n" + nginx);
      }
    }
  }

  @Test
  void gerritIsElectedAndReachesItsDatabaseThroughTheAmbassador() throws IOException {
    String gerrit = Files.readString(OUTPUT.resolve("units/gerrit@.service"));
    assertTrue(
        gerrit.contains(
            "elect --etcd http://127.0.0.1:2379 --name gerrit --ttl 5 --host ${PRIVATE_IP}"
                + " --docker-container gerrit-%i --port http=8080 --port ssh=29418 -- docker run"),
        gerrit);
    assertTrue(gerrit.contains("--user=root"), "elect drives the host's docker.sock: " + gerrit);
    Matcher port =
        Pattern.compile(
                "    -e DB_HOST=(10\\.222\\.\\d+\\.\\d+) \\\\\n    -e DB_PORT=(150\\d\\d) \\\\\n    -e DB_NAME=gerrit \\\\\n")
            .matcher(gerrit);
    assertTrue(port.find(), gerrit);
    assertTrue(
        gerrit.contains(
            "Requires=docker.service gerrit-amb-gerrit-db@%i.service gerrit-net@%i.service gerrit-volume-data-git@%i.service"),
        gerrit);
    String ambassador = Files.readString(OUTPUT.resolve("units/gerrit-amb-gerrit-db@.service"));
    assertTrue(
        ambassador.contains(
            "ambassador --etcd http://127.0.0.1:2379"
                + " --config /run/cluster/config/ambassadors/gerrit/gerrit-db.json"),
        ambassador);
    AmbassadorConfig json =
        AmbassadorConfig.read(OUTPUT.resolve("config/ambassadors/gerrit/gerrit-db.json"));
    assertEquals(
        port.group(1) + ":" + port.group(2), json.listenAddress() + ":" + json.listenPort());
    // The gateway of gerrit's own pod network, and only that network's addresses may connect.
    assertTrue(gerrit.contains("    --net=pod-gerrit \\\n"), gerrit);
    String pod = Files.readString(OUTPUT.resolve("units/gerrit-net@.service"));
    assertTrue(
        pod.contains(
            "docker network create --driver bridge --subnet "
                + json.clients().get(0)
                + " --gateway "
                + json.listenAddress()
                + " pod-gerrit'\n"),
        pod);
    assertEquals(AmbassadorConfig.Mode.LEADER, json.mode());
    String patroni = Files.readString(OUTPUT.resolve("config/patroni/gerrit-db.yml"));
    Target.PatroniLeader target = (Target.PatroniLeader) json.target();
    assertTrue(
        patroni.contains("\nscope: " + target.scope() + "\n")
            && patroni.contains("\nnamespace: " + target.namespace() + "\n"),
        target + " in\n" + patroni);
    assertEquals(Optional.of("/primary"), json.healthCheck().httpPath());
    String database = Files.readString(OUTPUT.resolve("units/gerrit-db@.service"));
    assertTrue(
        database.contains(
            "PATRONI_RESTAPI_LISTEN=${PRIVATE_IP}:" + json.healthCheck().port().orElseThrow()),
        "the check probes Patroni's REST API: " + json + "\n" + database);
  }

  /**
   * The apps that read the front door's user header without checking its proof run the guard on
   * their HTTP port (their images' entrypoint starts it), the app itself on the next free port,
   * which its generated file names; the guard checks the proof with the variables every app behind
   * the sign-in gets.
   */
  @Test
  void theAppsThatCannotCheckTheProofRunTheGuardOnTheirHttpPort() throws IOException {
    String gerrit = Files.readString(OUTPUT.resolve("units/gerrit@.service"));
    assertTrue(
        gerrit.contains(
            "-e FRONT_DOOR_AUDIENCE=review.dev.example.com \\\n    -e FRONT_DOOR_GROUPS=developers \\\n"
                + "    -e GUARD_PORT=8080 \\\n    -e GUARD_BACKEND_PORT=8081 \\\n    -e GUARD_HEALTH_PATH=/config/server/version \\\n"),
        gerrit);
    assertTrue(
        gerrit.contains("FRONT_DOOR_VERIFY_KEY=team/auth-gateway-front-door-verify-key"), gerrit);
    assertTrue(
        Files.readString(OUTPUT.resolve("units/buildbot@.service"))
            .contains("-e GUARD_PORT=8010 \\\n    -e GUARD_BACKEND_PORT=8011 \\\n"));
    assertTrue(
        Files.readString(OUTPUT.resolve("config/buildbot/master.cfg"))
            .contains(
                "'port': 'tcp:{}:interface=127.0.0.1'.format(int(setting('GUARD_BACKEND_PORT', '8011'))),"));
    assertTrue(
        Files.readString(OUTPUT.resolve("units/wiki@.service"))
            .contains("-e GUARD_PORT=8081 \\\n    -e GUARD_BACKEND_PORT=8082 \\\n"));
    for (String app : List.of("file-drop", "apis", "key-service")) {
      assertFalse(
          Files.readString(OUTPUT.resolve("units/" + app + "@.service")).contains("GUARD_"),
          app + " checks the proof itself (app-common)");
    }
  }

  @Test
  void eachSyncedVolumeRunsTheRuntimesVolumeAgentOnItsOwnPorts() throws IOException {
    String volume = Files.readString(OUTPUT.resolve("units/gerrit-volume-data-git@.service"));
    Matcher ports =
        Pattern.compile(
                "volume --etcd http://127\\.0\\.0\\.1:2379 --service gerrit --path-id data-git"
                    + " --instance %i --dir /var/lib/cluster/volumes/gerrit/data-git --home \\S+"
                    + " --listen tcp://\\$\\{PRIVATE_IP\\}:(220\\d\\d) --gui 127\\.0\\.0\\.1:(83\\d\\d)\n")
            .matcher(volume);
    assertTrue(ports.find(), volume);
  }

  @Test
  void theDatabaseRunsPatroniWithTheRuntimesZeroLossSettings() throws IOException {
    String patroni = Files.readString(OUTPUT.resolve("config/patroni/gerrit-db.yml"));
    for (String setting : PatroniHa.ZERO_LOSS.settingLines()) {
      assertTrue(patroni.contains(" " + setting + "\n"), setting + " in\n" + patroni);
    }
    String pod = Files.readString(OUTPUT.resolve("units/gerrit-db-pod@.service"));
    assertTrue(pod.contains("Conflicts=gerrit-db-pod@*.service"), pod);
  }

  @Test
  void theDnsUpdaterFollowsTheFrontDoor() throws IOException {
    String updater = Files.readString(OUTPUT.resolve("units/nginx-dns-updater.service"));
    assertTrue(
        updater.contains(
            "dns-updater --zone ${HOSTED_ZONE_ID} --name dev.example.com --name *.dev.example.com"
                + " --service nginx"),
        updater);
    String presence = Files.readString(OUTPUT.resolve("units/nginx-presence@.service"));
    assertTrue(
        presence.contains(
            "presence --etcd http://127.0.0.1:2379 --service nginx --instance %i"
                + " --host ${PRIVATE_IP} --public-host ${PUBLIC_IP} --port http=80 --port https=443 --ttl 10\n"),
        presence);
  }

  /**
   * The MariaDB image logs root in only through its socket: the app gets a user of its own, over
   * TCP.
   */
  @Test
  void theIntranetReachesItsMariaDbAsItsOwnUser() throws IOException {
    String database = Files.readString(OUTPUT.resolve("units/intranet-mariadb@.service"));
    for (String expected :
        List.of(
            "-e MARIADB_DATABASE=intranet",
            "-e MARIADB_USER=intranet",
            "-e MARIADB_PORT=3306",
            "MARIADB_PASSWORD=team/intranet-mariadb-password")) {
      assertTrue(database.contains(expected), expected + " in\n" + database);
    }
    String app = Files.readString(OUTPUT.resolve("units/intranet@.service"));
    for (String expected :
        List.of(
            "-e MYSQL_USER=intranet",
            "-e MYSQL_NAME=intranet",
            "MYSQL_PASSWORD=team/intranet-mariadb-password")) {
      assertTrue(app.contains(expected), expected + " in\n" + app);
    }
  }
}
