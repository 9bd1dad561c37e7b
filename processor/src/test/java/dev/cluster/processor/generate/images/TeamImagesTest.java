package dev.cluster.processor.generate.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generators;
import dev.cluster.processor.model.BuiltImages;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.testing.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The team's images in the outputs of a model built in code: the template's repositories, outputs
 * and pull rights, the units' image references and registry login, the machines' registry settings,
 * and the manifest the deploy client's {@code images push} reads, all naming the same repository
 * and tag.
 */
class TeamImagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AGENTS_TAG = "0123456789abcdef";
  private static final String REDIS_TAG = "fedcba9876543210";
  private static final Pattern PULL = Pattern.compile("ExecStartPre=/usr/bin/docker pull (\\S+)");

  private final ServiceSpec cache =
      image(Models.service("cache", "workers", 2, 6379), "dev-cluster/redis:7.0");
  private final ServiceSpec intranet =
      image(Models.service("intranet", "workers", 2, 8082), "dev-cluster/intranet:2.4.1");
  private final ServiceSpec web =
      Models.uses(
          image(Models.service("web", "workers", 2, 8080), "docker.io/library/nginx:1.25"),
          "cache");
  private final ServiceSpec search =
      image(Models.service("search", "data", 3, 9200), "dev-cluster/redis:7.0");
  private final ClusterModel model =
      Models.model(
              List.of(Models.main(), Models.workers(), Models.data()),
              List.of(cache, intranet, web, search))
          .withBuiltImages(
              new BuiltImages(
                  Map.of("agents", AGENTS_TAG, "redis", REDIS_TAG, "mariadb", "1111111111111111")));

  private static ServiceSpec image(ServiceSpec s, String image) {
    return s.toBuilder().image(image).build();
  }

  private static String file(List<GeneratedFile> files, String path) {
    return files.stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + path + " among " + files.stream().map(GeneratedFile::path).toList()))
        .text();
  }

  private JsonNode template() throws Exception {
    return JSON.readTree(file(Generators.generateAll(model), "cluster/demo/template.json"));
  }

  @Test
  void oneRepositoryPerTeamImageTheUnitsRunScannedImmutableEncryptedAndExpiring() throws Exception {
    JsonNode resources = template().get("Resources");
    List<String> repositories = new ArrayList<>();
    resources
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::ECR::Repository")) {
                repositories.add(
                    e.getKey() + "=" + e.getValue().at("/Properties/RepositoryName").asText());
              }
            });
    // mariadb is built here but no unit runs it; nginx is upstream.
    assertEquals(
        List.of(
            "AgentsRepository=demo/agents",
            "IntranetRepository=demo/intranet",
            "RedisRepository=demo/redis"),
        repositories);
    JsonNode redis = resources.at("/RedisRepository/Properties");
    assertTrue(redis.at("/ImageScanningConfiguration/ScanOnPush").asBoolean());
    assertEquals("IMMUTABLE", redis.get("ImageTagMutability").asText());
    assertEquals("AES256", redis.at("/EncryptionConfiguration/EncryptionType").asText());
    JsonNode rules =
        JSON.readTree(redis.at("/LifecyclePolicy/LifecyclePolicyText").asText()).get("rules");
    assertEquals("untagged", rules.at("/0/selection/tagStatus").asText());
    assertEquals("imageCountMoreThan", rules.at("/1/selection/countType").asText());
    assertEquals(
        "any", rules.at("/1/selection/tagStatus").asText(), "ECR wants the rule for any tag last");
  }

  @Test
  void everyNodeRoleMayPullTheseRepositoriesOnly() throws Exception {
    JsonNode resources = template().get("Resources");
    for (String role : List.of("MainRole", "WorkersRole", "DataRole")) {
      JsonNode pull = null;
      for (JsonNode policy : resources.at("/" + role + "/Properties/Policies")) {
        if (policy.get("PolicyName").asText().equals("pull-cluster-images")) {
          pull = policy.get("PolicyDocument").get("Statement");
        }
      }
      assertTrue(pull != null, role + " has no pull-cluster-images policy");
      assertEquals("ecr:GetAuthorizationToken", pull.at("/0/Action/0").asText());
      assertEquals(
          "[\"ecr:BatchCheckLayerAvailability\",\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]",
          pull.at("/1/Action").toString());
      assertEquals(
          "[{\"Fn::GetAtt\":[\"AgentsRepository\",\"Arn\"]},{\"Fn::GetAtt\":[\"IntranetRepository\",\"Arn\"]},"
              + "{\"Fn::GetAtt\":[\"RedisRepository\",\"Arn\"]}]",
          pull.at("/1/Resource").toString());
      assertFalse(pull.toString().contains("ecr:Put"), "machines push nothing");
    }
  }

  @Test
  void theUnitsPullExactlyTheImagesTheTemplateOutputsAndTheManifestName() throws Exception {
    List<GeneratedFile> files = Generators.generateAll(model);
    TreeSet<String> pulled = new TreeSet<>();
    for (GeneratedFile unit : files) {
      if (unit.path().endsWith(".service")) {
        Matcher m = PULL.matcher(unit.text());
        while (m.find()) {
          pulled.add(m.group(1));
        }
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "${CLUSTER_REGISTRY}/demo/agents:" + AGENTS_TAG,
                "${CLUSTER_REGISTRY}/demo/intranet:2.4.1",
                "${CLUSTER_REGISTRY}/demo/redis:" + REDIS_TAG,
                "docker.io/library/nginx:1.25")),
        pulled);

    JsonNode outputs = template().get("Outputs");
    assertEquals(
        "{\"Fn::GetAtt\":[\"RedisRepository\",\"RepositoryUri\"]}",
        outputs.at("/RedisRepositoryUri/Value").toString());
    assertTrue(outputs.at("/RedisRepositoryUri/Description").asText().contains(REDIS_TAG));

    JsonNode manifest = JSON.readTree(file(files, "cluster/demo/images.json"));
    assertEquals(
        "[{\"folder\":\"agents\",\"repository\":\"demo/agents\",\"tag\":\""
            + AGENTS_TAG
            + "\",\"output\":\"AgentsRepositoryUri\"},"
            + "{\"folder\":\"redis\",\"repository\":\"demo/redis\",\"tag\":\""
            + REDIS_TAG
            + "\",\"output\":\"RedisRepositoryUri\"}]",
        manifest.get("images").toString(),
        "only the images built here, which images push pushes");
  }

  @Test
  void aUnitPullingFromTheRegistryLogsInFirstAndOneRunningOnlyUpstreamImagesDoesNot() {
    List<GeneratedFile> files = Generators.generateAll(model);
    String cacheApp = file(files, "cluster/demo/units/cache@.service");
    assertTrue(cacheApp.contains("Wants=ecr-login.service\n"), cacheApp);
    assertTrue(cacheApp.matches("(?s).*\nAfter=[^\n]*ecr-login\\.service.*"), cacheApp);
    assertTrue(cacheApp.contains("EnvironmentFile=/etc/cluster/registry.env\n"), cacheApp);
    String webApp = file(files, "cluster/demo/units/web@.service");
    assertFalse(webApp.contains("ecr-login") || webApp.contains("registry.env"), webApp);
    String dataUnit = file(files, "cluster/demo/nodes/data/search.service");
    assertTrue(
        dataUnit.contains("/usr/bin/docker pull ${CLUSTER_REGISTRY}/demo/redis:" + REDIS_TAG),
        dataUnit);
    assertTrue(dataUnit.contains("Wants=ecr-login.service"), dataUnit);
  }

  @Test
  void everyMachineKnowsTheRegistryFromTheStackAndHasTheLoginUnit() throws Exception {
    List<GeneratedFile> files = Generators.generateAll(model);
    for (String group : List.of("main", "workers", "data")) {
      String env = file(files, "cluster/demo/nodes/" + group + "/files/etc/cluster/registry.env");
      assertTrue(
          env.startsWith(
              "CLUSTER_REGISTRY=@@Ref:AWS::AccountId@@.dkr.ecr.@@Ref:AWS::Region@@.@@Ref:AWS::URLSuffix@@\n"),
          env);
      String login = file(files, "cluster/demo/nodes/" + group + "/ecr-login.service");
      assertTrue(login.contains("ExecStart=/opt/bin/ecr-login"), login);
      assertTrue(
          file(files, "cluster/demo/nodes/" + group + "/files/opt/bin/ecr-login")
              .contains("--password-stdin"));
    }
    String userData =
        template()
            .at("/Resources/DataLaunchTemplate/Properties/LaunchTemplateData/UserData")
            .toString();
    assertTrue(
        userData.contains("{\"Ref\":\"AWS::AccountId\"}")
            && userData.contains("{\"Ref\":\"AWS::URLSuffix\"}"),
        userData);
  }

  @Test
  void withoutTheProjectsImagesEveryImageIsPulledAsDeclaredAndNoRepositoryIsMade()
      throws Exception {
    ClusterModel plain = model.withBuiltImages(BuiltImages.NONE);
    List<GeneratedFile> files = Generators.generateAll(plain);
    assertFalse(file(files, "cluster/demo/template.json").contains("AWS::ECR::Repository"));
    assertTrue(
        file(files, "cluster/demo/units/cache@.service")
            .contains("/usr/bin/docker pull dev-cluster/redis:7.0"));
    assertFalse(
        files.stream()
            .anyMatch(f -> f.path().endsWith("images.json") || f.path().contains("ecr-login")));
  }
}
