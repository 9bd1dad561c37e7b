package dev.cluster.runtime.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's template that nests a stack, as the processor writes one above what one stack holds:
 * the nested stack's Metadata names its template beside the cluster's and its key in the bucket,
 * which its TemplateURL reads through the BootConfigBucket parameter. plan and deploy upload the
 * nested template there, before the template that nests it, and CloudFormation gets that template
 * by its TemplateURL. The real AWS SDK talks to in-process endpoints speaking S3's and
 * CloudFormation's protocols (not AWS); the CloudFormation endpoint reads the TemplateURL from the
 * S3 one.
 */
@ExtendWith(ExampleCredentials.class)
class NestedTemplatesInProcessS3EndpointTest {
  private static final String TEMPLATE = "nested/template.json";
  private static final String BUCKET = "team-templates";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path jar;
  @TempDir static Path jarWithoutTheNestedTemplate;
  private static byte[] parent;
  private static byte[] child;
  private static String childKey;

  private InProcessCloudFormationEndpoint cloudFormation;
  private InProcessS3Endpoint s3;

  /**
   * The team template, its node groups' boot configs, and the nested stack of its ingress rules.
   */
  @BeforeAll
  static void aJarWithATemplateThatNestsAStack() throws Exception {
    ObjectNode nested = JSON.createObjectNode().put("AWSTemplateFormatVersion", "2010-09-09");
    nested
        .putObject("Parameters")
        .putObject("MainSecurityGroupId")
        .put("Type", "AWS::EC2::SecurityGroup::Id");
    ObjectNode rule =
        nested
            .putObject("Resources")
            .putObject("MainFromMainTCP2379")
            .put("Type", "AWS::EC2::SecurityGroupIngress")
            .putObject("Properties");
    rule.putObject("GroupId").put("Ref", "MainSecurityGroupId");
    rule.putObject("SourceSecurityGroupId").put("Ref", "MainSecurityGroupId");
    rule.put("IpProtocol", "tcp").put("FromPort", 2379).put("ToPort", 2380);
    child = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(nested);
    childKey = "team/stacks/MainIngress-" + sha256(child) + ".json";

    ObjectNode template =
        (ObjectNode) JSON.readTree(ClasspathResource.read("deploy/team-template.json"));
    ((ObjectNode) template.get("Parameters"))
        .putObject(BootConfigs.BUCKET_PARAMETER)
        .put("Type", "String");
    ObjectNode stack =
        ((ObjectNode) template.get("Resources"))
            .putObject("MainIngressStack")
            .put("Type", "AWS::CloudFormation::Stack");
    stack
        .putObject("Metadata")
        .put("dev-cluster:template", "stacks/MainIngress.json")
        .put("dev-cluster:key", childKey);
    ObjectNode properties = stack.putObject("Properties");
    properties
        .putObject("TemplateURL")
        .put(
            "Fn::Sub",
            "https://${BootConfigBucket}.s3.${AWS::Region}.${AWS::URLSuffix}/" + childKey);
    properties
        .putObject("Parameters")
        .putObject("MainSecurityGroupId")
        .putArray("Fn::GetAtt")
        .add("MainGroup")
        .add("GroupId");
    parent = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(template);

    for (Path root : List.of(jar, jarWithoutTheNestedTemplate)) {
      write(root.resolve(TEMPLATE), parent);
      write(root.resolve("nested/nodes/main/config.ign"), "{}".getBytes(StandardCharsets.UTF_8));
      write(root.resolve("nested/nodes/edge/config.ign"), "{}".getBytes(StandardCharsets.UTF_8));
    }
    write(jar.resolve("nested/stacks/MainIngress.json"), child);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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

  @Test
  void
      deployUploadsTheNestedTemplateBeforeTheTemplateThatNestsItAndCloudFormationGetsItByItsTemplateUrl()
          throws Exception {
    s3.createBucket(BUCKET);
    String parentKey = "team/template-" + sha256(parent) + ".json";

    CliRun deploy = cli(jar, "deploy", "--template-bucket", BUCKET);

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertArrayEquals(child, s3.object(BUCKET, childKey).orElseThrow());
    List<String> requests = s3.requests();
    assertTrue(requests.indexOf("PUT /" + BUCKET + "/" + childKey) >= 0, requests.toString());
    assertTrue(
        requests.indexOf("PUT /" + BUCKET + "/" + childKey)
            < requests.indexOf("PUT /" + BUCKET + "/" + parentKey),
        requests.toString());
    assertTrue(
        deploy
            .err()
            .contains(
                "Nested template of MainIngressStack ("
                    + child.length
                    + " bytes) uploaded to s3://"
                    + BUCKET
                    + "/"
                    + childKey),
        deploy.err());
    // CloudFormation read the template that nests the stack from its URL, and that template's
    // TemplateURL, with the parameters the stack got, is the uploaded nested template's.
    String parentUrl = s3.url() + "/" + BUCKET + "/" + parentKey;
    assertEquals(List.of(parentUrl, parentUrl), cloudFormation.templateUrls());
    JsonNode read = JSON.readTree(s3.object(BUCKET, parentKey).orElseThrow());
    String nestedUrl =
        read.at("/Resources/MainIngressStack/Properties/TemplateURL/Fn::Sub")
            .asText()
            .replace(
                "${BootConfigBucket}",
                cloudFormation.stackParameters("team").get(BootConfigs.BUCKET_PARAMETER))
            .replace("${AWS::Region}", "eu-west-1")
            .replace("${AWS::URLSuffix}", "amazonaws.com");
    assertEquals("https://" + BUCKET + ".s3.eu-west-1.amazonaws.com/" + childKey, nestedUrl);

    CliRun again = cli(jar, "deploy", "--template-bucket", BUCKET);

    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(
        1,
        s3.requests().stream().filter(r -> r.equals("PUT /" + BUCKET + "/" + childKey)).count(),
        "an unchanged nested template is not uploaded again: " + s3.requests());
    assertTrue(
        again
            .err()
            .contains(
                "Nested template of MainIngressStack ("
                    + child.length
                    + " bytes) is already in s3://"
                    + BUCKET
                    + "/"
                    + childKey),
        again.err());
  }

  @Test
  void planUploadsTheNestedTemplateBeforeCloudFormationReadsTheTemplate() {
    s3.createBucket(BUCKET);

    CliRun plan = cli(jar, "plan", "--template-bucket", BUCKET);

    assertEquals(0, plan.exitCode(), plan.toString());
    List<String> requests = s3.requests();
    int firstCloudFormationRead =
        requests.indexOf(
            requests.stream().filter(r -> r.startsWith("GET ")).findFirst().orElseThrow());
    assertTrue(requests.indexOf("PUT /" + BUCKET + "/" + childKey) >= 0, requests.toString());
    assertTrue(
        requests.indexOf("PUT /" + BUCKET + "/" + childKey) < firstCloudFormationRead,
        requests.toString());
  }

  @Test
  void aJarWithoutTheNestedTemplateFailsNamingItBeforeAnyCall() {
    s3.createBucket(BUCKET);

    CliRun deploy = cli(jarWithoutTheNestedTemplate, "deploy", "--template-bucket", BUCKET);

    assertEquals(1, deploy.exitCode(), deploy.toString());
    assertTrue(
        deploy.err().contains("nested/stacks/MainIngress.json is not on the classpath"),
        deploy.err());
    assertEquals(List.of(), cloudFormation.actions());
    assertEquals(List.of(), s3.requests());
  }
}
