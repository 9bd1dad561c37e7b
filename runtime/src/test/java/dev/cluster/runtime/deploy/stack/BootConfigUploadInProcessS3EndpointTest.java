package dev.cluster.runtime.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessS3Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template whose machines read their boot configuration from S3 (it declares parameter
 * BootConfigBucket): deploy uploads each node group's config from the jar ({@code
 * nodes/<group>/config.ign} beside the template) under its content-addressed key before
 * CloudFormation is called, and passes the bucket as the parameter. The real AWS SDK talks to
 * in-process endpoints speaking S3's and CloudFormation's protocols (not AWS); the CloudFormation
 * endpoint reads the TemplateURL from the S3 endpoint, so S3's request log shows when
 * CloudFormation was first called.
 */
@ExtendWith(ExampleCredentials.class)
class BootConfigUploadInProcessS3EndpointTest {
  private static final String TEMPLATE = "boot/team-template.json";
  private static final String BUCKET = "team-templates";
  private static final byte[] MAIN_CONFIG =
      "{\"ignition\":{\"version\":\"3.3.0\"},\"storage\":{\"files\":[]}}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] EDGE_CONFIG =
      "{\"ignition\":{\"version\":\"3.3.0\"}}".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path jar;
  @TempDir static Path jarWithoutConfigs;

  private InProcessCloudFormationEndpoint cloudFormation;
  private InProcessS3Endpoint s3;

  @BeforeAll
  static void aJarWithTheTemplateAndEachGroupsConfig() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode template =
        (ObjectNode) json.readTree(ClasspathResource.read("deploy/team-template.json"));
    ((ObjectNode) template.get("Parameters"))
        .putObject(BootConfigs.BUCKET_PARAMETER)
        .put("Type", "String")
        .put("MaxLength", 63);
    for (Path root : List.of(jar, jarWithoutConfigs)) {
      write(
          root.resolve(TEMPLATE),
          json.writerWithDefaultPrettyPrinter().writeValueAsBytes(template));
    }
    write(jar.resolve("boot/nodes/main/config.ign"), MAIN_CONFIG);
    write(jar.resolve("boot/nodes/edge/config.ign"), EDGE_CONFIG);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  @BeforeEach
  void startEndpoints() throws Exception {
    cloudFormation = new InProcessCloudFormationEndpoint();
    s3 = new InProcessS3Endpoint();
  }

  @AfterEach
  void stopEndpoints() {
    cloudFormation.close();
    s3.close();
  }

  private CliRun cli(Path classpath, String... args) {
    return ClientWithResources.run(cluster(), classpath, cloudFormation, s3, args);
  }

  private static ClusterDescriptor cluster() {
    return TestClusters.team(TEMPLATE);
  }

  private static String key(String group, byte[] config) throws Exception {
    return "team/nodes/"
        + group
        + "/"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(config))
        + ".ign";
  }

  @Test
  void deployUploadsEachGroupsConfigUnderItsSha512BeforeCloudFormationIsCalledAndPassesTheBucket()
      throws Exception {
    s3.createBucket(BUCKET);
    String main = key("main", MAIN_CONFIG);
    String edge = key("edge", EDGE_CONFIG);

    CliRun deploy = cli(jar, "deploy", "--template-bucket", BUCKET);

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertArrayEquals(MAIN_CONFIG, s3.object(BUCKET, main).orElseThrow());
    assertArrayEquals(EDGE_CONFIG, s3.object(BUCKET, edge).orElseThrow());
    List<String> requests = s3.requests();
    int firstCloudFormationRead =
        requests.indexOf(
            requests.stream().filter(r -> r.startsWith("GET ")).findFirst().orElseThrow());
    assertTrue(
        requests.indexOf("PUT /" + BUCKET + "/" + main) < firstCloudFormationRead,
        requests.toString());
    assertTrue(
        requests.indexOf("PUT /" + BUCKET + "/" + edge) < firstCloudFormationRead,
        requests.toString());
    assertEquals(BUCKET, cloudFormation.stackParameters("team").get(BootConfigs.BUCKET_PARAMETER));
    assertTrue(
        deploy
            .err()
            .contains(
                "Boot config of node group main ("
                    + MAIN_CONFIG.length
                    + " bytes) uploaded to s3://"
                    + BUCKET
                    + "/"
                    + main),
        deploy.err());

    CliRun again = cli(jar, "deploy", "--template-bucket", BUCKET);

    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(3, s3.count("PUT"), "an unchanged config is not uploaded again: " + s3.requests());
    assertTrue(
        again
            .err()
            .contains(
                "Boot config of node group edge ("
                    + EDGE_CONFIG.length
                    + " bytes) is already in s3://"
                    + BUCKET
                    + "/"
                    + edge),
        again.err());
  }

  @Test
  void planPassesTheBucketButUploadsNoConfig() {
    s3.createBucket(BUCKET);

    CliRun plan = cli(jar, "plan", "--template-bucket", BUCKET);

    assertEquals(0, plan.exitCode(), plan.toString());
    assertEquals(1, s3.count("PUT"), "the template only: " + s3.requests());
    assertEquals(
        Set.of("team"),
        s3.keys(BUCKET).stream()
            .map(k -> k.substring(0, k.indexOf('/')))
            .collect(java.util.stream.Collectors.toSet()));
    assertFalse(
        s3.keys(BUCKET).stream().anyMatch(k -> k.contains("/nodes/")), s3.keys(BUCKET).toString());
  }

  @Test
  void withoutABucketPlanAndDeployRefuseNamingTheOptionBeforeAnyCall() {
    for (String command : List.of("plan", "deploy")) {
      CliRun run = cli(jar, command);

      assertEquals(2, run.exitCode(), run.toString());
      assertTrue(
          run.err()
              .startsWith(
                  "error: the machines of "
                      + TEMPLATE
                      + " read their boot configuration from S3: pass"
                      + " --template-bucket BUCKET, where deploy uploads each node group's config"),
          run.err());
      assertTrue(
          run.err()
              .contains(
                  "\n  aws s3api create-bucket --bucket team-cfn-templates --region eu-west-1"),
          run.err());
    }
    assertEquals(List.of(), cloudFormation.actions());
    assertEquals(List.of(), s3.requests());
  }

  @Test
  void aConfigTheUploadIsDeniedStopsTheDeployBeforeTheStackChanges() {
    s3.createBucket(BUCKET);
    s3.denyAccess(BUCKET);

    CliRun deploy = cli(jar, "deploy", "--template-bucket", BUCKET);

    assertEquals(1, deploy.exitCode(), deploy.toString());
    assertFalse(
        cloudFormation.actions().contains("CreateChangeSet"), cloudFormation.actions().toString());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
  }

  @Test
  void aJarWithoutAGroupsConfigFailsNamingItBeforeAnyCall() {
    s3.createBucket(BUCKET);

    CliRun deploy = cli(jarWithoutConfigs, "deploy", "--template-bucket", BUCKET);

    assertEquals(1, deploy.exitCode(), deploy.toString());
    assertTrue(
        deploy.err().contains("boot/nodes/main/config.ign is not on the classpath"), deploy.err());
    assertEquals(List.of(), cloudFormation.actions());
    assertEquals(List.of(), s3.requests());
  }
}
