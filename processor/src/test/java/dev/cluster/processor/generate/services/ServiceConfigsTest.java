package dev.cluster.processor.generate.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.DataEngineKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.ConfiguredImage;
import dev.cluster.processor.testing.Models;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which services get a generated configuration (by image repository or {@code @DataEngine}) and the
 * escaping of what the model writes into them. What the files say is checked on team-cluster's
 * outputs by their own parsers (team-cluster's ServiceConfigsParseTest, the images' tests).
 */
class ServiceConfigsTest {

  @Test
  void anAppIsKnownByTheLastSegmentOfItsImagesRepository() {
    assertEquals("gerrit", ConfiguredImage.repositoryOf("dev-cluster/gerrit:3.10.1"));
    assertEquals(
        "mediawiki",
        ConfiguredImage.repositoryOf(
            "123456789012.dkr.ecr.us-west-2.amazonaws.com/dev-cluster/mediawiki:1.39"));
    assertEquals(
        "buildbot-master",
        ConfiguredImage.repositoryOf("registry.example.com:5000/buildbot-master@sha256:abc"));
    assertEquals("nginx", ConfiguredImage.repositoryOf("nginx"));
  }

  @Test
  void otherAppsGetNoConfigurationAndADataEngineGetsItsEnginesFiles() {
    ServiceSpec plain = Models.service("web", "workers", 1, 8080);
    ServiceSpec mongo =
        withEngine(Models.service("store", "data", 1, 27017), DataEngineKind.MONGODB);
    ClusterModel model =
        Models.model(
            List.of(Models.main(), Models.workers(), Models.data()), List.of(plain, mongo));
    assertEquals(ServiceConfig.NONE, ServiceConfigs.of(model, plain));
    ServiceConfig config = ServiceConfigs.of(model, mongo);
    assertEquals(
        List.of("mongod.conf", "init-replica-set.js"),
        config.files().stream().map(ServiceConfigFile::name).toList());
    assertEquals(List.of("--config", "/etc/mongo/mongod.conf"), config.imageArguments());
    assertTrue(config.readsDataPeers());
    assertTrue(
        config.files().get(0).content().contains("replSetName: demo-store\n"),
        config.files().get(0).content());
  }

  @Test
  void theGuardedImagesAppListensOnTheFirstPortItsServiceDoesNotDeclare() {
    GuardedPort gerrit =
        GuardedPort.of(Models.service("gerrit", "workers", 1, 8080, 8081, 8082)).orElseThrow();
    assertEquals(Map.of("GUARD_PORT", "8080", "GUARD_BACKEND_PORT", "8083"), gerrit.env());
    assertEquals(
        65533,
        GuardedPort.of(Models.service("mediawiki", "workers", 1, 65535, 65534))
            .orElseThrow()
            .backendPort(),
        "below the guarded port when no port above it is left");
    assertEquals(
        Optional.empty(),
        GuardedPort.of(Models.service("web", "workers", 1, 8080)),
        "it checks the proof itself");
  }

  @Test
  void gitConfigValuesThatGitWouldCutOrUnescapeAreQuoted() {
    assertEquals(
        "https://review.example.com/", GitConfigText.quoted("https://review.example.com/"));
    assertEquals("\"a#b\"", GitConfigText.quoted("a#b"));
    assertEquals("\"a;b\"", GitConfigText.quoted("a;b"));
    assertEquals("\"say \\\"hi\\\" \\\\ bye\"", GitConfigText.quoted("say \"hi\" \\ bye"));
    assertEquals("\" padded\"", GitConfigText.quoted(" padded"));
  }

  @Test
  void phpAndPythonLiteralsEscapeTheirQuotes() {
    assertEquals("'it\\'s \\\\ ok'", MediaWikiSettings.literal("it's \\ ok"));
    assertEquals("'it\\'s \\\\ ok'", BuildbotMasterConfig.literal("it's \\ ok"));
  }

  @Test
  void yamlQuotesOnlyStringsThatWouldReadAsAnotherTypeOrHoldIndicators() {
    ObjectNode settings =
        Yaml.mapping()
            .put("name", "it's")
            .put("number", "123")
            .put("flag", "yes")
            .put("port", 5)
            .put("peers", "${DATA_PEERS}");
    settings.putArray("dirs").add("/data");

    assertEquals(
        "# first\n# second\nname: it's\nnumber: \"123\"\nflag: \"yes\"\nport: 5\npeers: \"${DATA_PEERS}\"\n"
            + "dirs:\n  - /data\n",
        Yaml.document("first\nsecond", settings));
  }

  private static ServiceSpec withEngine(ServiceSpec s, DataEngineKind kind) {
    return s.toBuilder().dataEngine(Optional.of(kind)).build();
  }
}
