package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * team-cluster's generated service configuration read by real parsers: Gerrit's files by JGit's
 * git-config parser, the data engines' by SnakeYAML, MongoDB's replica-set script by node's syntax
 * check; each checked for what makes it work in the cluster (the database through its ambassador,
 * the clustering keys), and for holding no secret. (php -l and buildbot checkconfig run in the
 * images' tests, where PHP and Buildbot are installed.)
 */
class ServiceConfigsParseTest {
  private static final Path CONFIG = ProjectFiles.OUTPUTS.resolve("config");

  @Test
  void gerritPointsAtItsDatabaseThroughItsAmbassadorAndSignsInBehindTheFrontDoor()
      throws Exception {
    Config gerrit = gitConfig("gerrit/gerrit.config");
    assertEquals(
        "https://review.dev.example.com/", gerrit.getString("gerrit", null, "canonicalWebUrl"));
    assertEquals("/data/git", gerrit.getString("gerrit", null, "basePath"), "the synced volume");
    assertEquals("HTTP", gerrit.getString("auth", null, "type"));
    assertEquals("X-Auth-Request-User", gerrit.getString("auth", null, "httpHeader"));
    assertEquals(
        "proxy-https://127.0.0.1:8081/",
        gerrit.getString("httpd", null, "listenUrl"),
        "on the loopback only, behind the front door's guard on 8080");
    assertEquals("*:29418", gerrit.getString("sshd", null, "listenAddress"));

    Config secure = gitConfig("gerrit/secure.config");
    String url = secure.getString("accountPatchReviewDb", null, "url");
    assertTrue(
        url.matches(
            "jdbc:postgresql://10\\.222\\.\\d+\\.\\d+:15\\d{3}/gerrit\\?user=gerrit&password=\\$\\{DB_PASSWORD}"),
        url);
    assertTrue(
        ProjectFiles.read(CONFIG.resolve("ambassadors/gerrit/gerrit-db.json"))
            .contains("\"listenPort\" : " + url.replaceAll(".*:(\\d+)/.*", "$1")),
        "the ambassador's own port");
  }

  @Test
  void elasticsearchDiscoversTheDataGroupsMachines() {
    Map<String, Object> es = yaml("elasticsearch/elasticsearch.yml");
    assertEquals("team-elasticsearch", es.get("cluster.name"));
    assertEquals("${DATA_PEERS}", es.get("discovery.seed_hosts"));
    assertEquals(
        "${DATA_PEERS}", es.get("cluster.initial_master_nodes"), "the same machines, named alike");
    assertEquals("${PRIVATE_IP}", es.get("node.name"));
    assertEquals(9300, es.get("transport.port"));
    assertEquals(9200, es.get("http.port"));
    assertEquals(
        "vm.max_map_count = 262144\n",
        ProjectFiles.read(
            ProjectFiles.OUTPUTS.resolve(
                "nodes/data-nodes/files/etc/sysctl.d/90-elasticsearch.conf")),
        "Elasticsearch's bootstrap check");
  }

  @Test
  void cassandraSeedsFromTheDataGroupsMachines() {
    Map<String, Object> cassandra = yaml("cassandra/cassandra.yaml");
    assertEquals("team-cassandra", cassandra.get("cluster_name"));
    Map<?, ?> provider = (Map<?, ?>) ((List<?>) cassandra.get("seed_provider")).get(0);
    assertEquals("org.apache.cassandra.locator.SimpleSeedProvider", provider.get("class_name"));
    assertEquals(
        "${DATA_SEEDS}", ((Map<?, ?>) ((List<?>) provider.get("parameters")).get(0)).get("seeds"));
    assertEquals("${PRIVATE_IP}", cassandra.get("listen_address"));
    assertEquals(7000, cassandra.get("storage_port"));
    assertEquals(9042, cassandra.get("native_transport_port"));
    assertEquals(
        "periodic",
        cassandra.get("commitlog_sync"),
        "a setting Cassandra refuses to start without");
  }

  @Test
  void mongodbRunsOneReplicaSetThatItsScriptInitiates() {
    Map<String, Object> mongod = yaml("mongodb/mongod.conf");
    assertEquals(Map.of("replSetName", "team-mongodb"), mongod.get("replication"));
    assertEquals(27017, ((Map<?, ?>) mongod.get("net")).get("port"));
    Path script = CONFIG.resolve("mongodb/init-replica-set.js");
    ProjectFiles.Run check = ProjectFiles.run(List.of("node", "--check", script.toString()), 60);
    assertEquals(0, check.exitCode(), check.output());
    String js = ProjectFiles.read(script);
    assertTrue(
        js.contains("const setName = 'team-mongodb';")
            && js.contains("process.env.DATA_PEERS")
            && js.contains("directConnection=true")
            && js.contains("replSetInitiate")
            && js.contains("replSetReconfig"),
        js);
  }

  @Test
  void theDataNodesUnitsFetchAndMountTheirFiles() {
    String mongo =
        ProjectFiles.read(ProjectFiles.OUTPUTS.resolve("nodes/data-nodes/mongodb.service"));
    assertTrue(
        mongo.contains(
            "config-get --etcd http://127.0.0.1:2379 --key /cluster/team/config/mongodb/mongod.conf"),
        mongo);
    assertTrue(
        mongo.contains("-v /run/cluster/config/mongodb/mongod.conf:/etc/mongo/mongod.conf:ro"),
        mongo);
    assertTrue(mongo.contains("--env-file /run/cluster/data-peers.env"), mongo);
    assertTrue(
        mongo.contains("ExecStartPre=/usr/bin/chown 999 /var/lib/mongodb"),
        "the image's user owns its data");
    assertTrue(
        mongo.contains("ExecStartPost=") && mongo.contains("/etc/mongo/init-replica-set.js"),
        mongo);
    String peers =
        ProjectFiles.read(ProjectFiles.OUTPUTS.resolve("nodes/data-nodes/cluster-peers.service"));
    assertTrue(peers.contains("ExecStart=/opt/bin/cluster-peers data 3 data-nodes"), peers);
  }

  @Test
  void noFileHoldsASecretOnlyPlaceholdersAndVariableNames() {
    String wiki = ProjectFiles.read(CONFIG.resolve("wiki/LocalSettings.php"));
    assertTrue(wiki.contains("getenv( 'DB_PASSWORD' )"), wiki);
    String buildbot = ProjectFiles.read(CONFIG.resolve("buildbot/master.cfg"));
    assertTrue(
        buildbot.contains("required('DB_PASSWORD')")
            && buildbot.contains("required('BUILDBOT_WORKERS')"),
        buildbot);
    // its own role, never the superuser
    assertTrue(
        buildbot.contains("'buildbot', quote(")
            && buildbot.matches("(?s).*setting\\('DB_HOST', '10\\.222\\.\\d+\\.\\d+'\\).*"),
        buildbot);
  }

  private static Config gitConfig(String relative) throws Exception {
    Config config = new Config();
    config.fromText(ProjectFiles.read(CONFIG.resolve(relative)));
    return config;
  }

  private static Map<String, Object> yaml(String relative) {
    return new Yaml().load(ProjectFiles.read(CONFIG.resolve(relative)));
  }
}
