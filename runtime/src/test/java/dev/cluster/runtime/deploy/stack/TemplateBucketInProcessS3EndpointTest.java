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
 * Templates over CloudFormation's 51,200-byte inline limit go through S3: the real AWS SDK uploads
 * them to an in-process endpoint speaking S3's REST protocol (not AWS), and the in-process
 * CloudFormation endpoint reads the TemplateURL from it over HTTP.
 */
@ExtendWith(ExampleCredentials.class)
class TemplateBucketInProcessS3EndpointTest {
  private static final String LARGE_TEMPLATE = "deploy/team-template-large.json";
  private static final String BUCKET = "team-templates";

  @TempDir static Path generatedResources;
  private static byte[] largeTemplate;

  private InProcessCloudFormationEndpoint cloudFormation;
  private InProcessS3Endpoint s3;

  @BeforeAll
  static void aLargeTemplate() throws IOException {
    largeTemplate = largeTemplate();
    Path file = generatedResources.resolve(LARGE_TEMPLATE);
    Files.createDirectories(file.getParent());
    Files.write(file, largeTemplate);
  }

  /**
   * The team template with a launch template whose user data (as a cluster's cloud-config with its
   * unit files would be) takes it to about 60 KB.
   */
  private static byte[] largeTemplate() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode template =
        (ObjectNode) json.readTree(ClasspathResource.read("deploy/team-template.json"));
    StringBuilder userData = new StringBuilder("#cloud-config\nwrite_files:\n");
    for (int i = 0; userData.length() < 60_000; i++) {
      userData
          .append("  - path: /etc/systemd/system/worker-")
          .append(i)
          .append(".service\n")
          .append(
              "    content: |\n      [Service]\n      ExecStart=/usr/bin/docker run --rm --name worker-")
          .append(i)
          .append(" registry.example.com/team/worker:1.")
          .append(i)
          .append('\n');
    }
    ((ObjectNode) template.get("Resources"))
        .putObject("MainLaunchTemplate")
        .put("Type", "AWS::EC2::LaunchTemplate")
        .putObject("Properties")
        .putObject("LaunchTemplateData")
        .put("UserData", userData.toString());
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(template);
    assertTrue(bytes.length > 60_000 && bytes.length < 70_000, bytes.length + " bytes");
    return bytes;
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

  /**
   * Runs the client with the generated template on the classpath, as the cluster's jar would have
   * it.
   */
  private CliRun cli(ClusterDescriptor cluster, String... args) {
    return ClientWithResources.run(cluster, generatedResources, cloudFormation, s3, args);
  }

  private static ClusterDescriptor large() {
    return TestClusters.team(LARGE_TEMPLATE);
  }

  private static String key(byte[] template) throws Exception {
    return "team/template-"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(template))
        + ".json";
  }

  @Test
  void largeTemplateDeploysThroughS3AndAnUnchangedOneIsNotUploadedAgain() throws Exception {
    s3.createBucket(BUCKET);
    String key = key(largeTemplate);
    String url = s3.url() + "/" + BUCKET + "/" + key;

    CliRun deploy = cli(large(), "deploy", "--template-bucket", BUCKET);

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertTrue(
        deploy
            .err()
            .contains(
                "Template ("
                    + largeTemplate.length
                    + " bytes) uploaded to s3://"
                    + BUCKET
                    + "/"
                    + key),
        deploy.err());
    assertTrue(
        deploy
            .err()
            .contains("CREATE_COMPLETE       MainLaunchTemplate (AWS::EC2::LaunchTemplate)"),
        deploy.err());
    assertEquals(Set.of(key), s3.keys(BUCKET));
    assertArrayEquals(largeTemplate, s3.object(BUCKET, key).orElseThrow());
    assertEquals(
        List.of("HEAD /" + BUCKET + "/" + key, "PUT /" + BUCKET + "/" + key),
        s3.requests().subList(0, 2));
    assertEquals(
        List.of(url, url),
        cloudFormation.templateUrls(),
        "ValidateTemplate and CreateChangeSet read the URL");

    CliRun again = cli(large(), "deploy", "--template-bucket", BUCKET);

    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(1, s3.count("PUT"), s3.requests().toString());
    assertEquals(2, s3.count("HEAD"), s3.requests().toString());
    assertTrue(
        again
            .err()
            .contains(
                "Template ("
                    + largeTemplate.length
                    + " bytes) is already in s3://"
                    + BUCKET
                    + "/"
                    + key),
        again.err());
    assertTrue(again.err().contains("Stack team is up to date: no changes."), again.err());
    assertTrue(
        again.out().startsWith("Stack team in eu-west-1: no changes (CREATE_COMPLETE)"),
        again.out());

    CliRun plan = cli(large(), "plan", "--template-bucket", BUCKET);

    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(plan.out().startsWith("Stack team in eu-west-1: no changes\n"), plan.out());
    assertEquals(1, s3.count("PUT"), s3.requests().toString());
  }

  @Test
  void largeTemplateWithoutABucketIsRefusedWithTheCommandsThatMakeOne() {
    CliRun deploy = cli(large(), "deploy");

    assertEquals(2, deploy.exitCode(), deploy.toString());
    assertTrue(
        deploy
            .err()
            .startsWith(
                "error: template "
                    + LARGE_TEMPLATE
                    + " is "
                    + largeTemplate.length
                    + " bytes, more than the 51200 CloudFormation takes inline: pass --template-bucket BUCKET to upload it to S3"),
        deploy.err());
    assertTrue(
        deploy
            .err()
            .contains(
                "\n  aws s3api create-bucket --bucket team-cfn-templates --region eu-west-1"
                    + " --create-bucket-configuration LocationConstraint=eu-west-1\n"),
        deploy.err());
    assertTrue(
        deploy
            .err()
            .contains(
                "\n  aws s3api put-public-access-block --bucket team-cfn-templates --region eu-west-1"
                    + " --public-access-block-configuration"
                    + " BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n"),
        deploy.err());
    assertEquals(1, deploy.err().split("error: ", -1).length - 1, "one message: " + deploy.err());

    CliRun url = cli(large(), "plan", "--template-bucket", "s3://" + BUCKET + "/templates");
    assertEquals(2, url.exitCode(), url.toString());
    assertEquals(
        "error: --template-bucket takes the bucket's name, e.g. team-templates, not an s3:// URL\n",
        url.err());

    assertEquals(List.of(), cloudFormation.actions());
    assertEquals(List.of(), s3.requests());
  }

  @Test
  void missingBucketIsOneClearMessageAndNothingIsCreated() {
    CliRun deploy = cli(large(), "deploy", "--template-bucket", BUCKET);

    assertEquals(1, deploy.exitCode(), deploy.toString());
    assertTrue(
        deploy
            .err()
            .startsWith(
                "error: S3 bucket team-templates (--template-bucket) does not exist at "
                    + s3.url()
                    + ". Create it, private and encrypted, with:\n  aws s3api create-bucket --bucket team-templates"),
        deploy.err());
    assertEquals(1, deploy.err().split("error: ", -1).length - 1, "one message: " + deploy.err());
    assertEquals(List.of("DescribeStacks"), cloudFormation.actions());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
  }

  @Test
  void deniedUploadIsOneClearMessageAndNothingIsCreated() throws Exception {
    s3.createBucket(BUCKET);
    s3.denyAccess(BUCKET);

    CliRun plan = cli(large(), "plan", "--template-bucket", BUCKET);

    assertEquals(1, plan.exitCode(), plan.toString());
    assertEquals(
        "error: S3 denied access to s3://team-templates/"
            + key(largeTemplate)
            + " (AccessDenied: Access Denied): "
            + "the caller needs s3:PutObject and s3:GetObject on arn:aws:s3:::team-templates/team/*, "
            + "and the bucket's policy must not deny them\n",
        plan.err());
    assertEquals(List.of("DescribeStacks"), cloudFormation.actions());
  }

  @Test
  void templateCloudFormationCannotReadFailsAtValidationAsCloudFormationDoes() {
    s3.createBucket(BUCKET);
    s3.denyReads(BUCKET);

    CliRun deploy = cli(large(), "deploy", "--template-bucket", BUCKET);

    assertEquals(1, deploy.exitCode(), deploy.toString());
    assertEquals(
        1,
        s3.count("PUT"),
        "a HEAD answered 403 (no s3:ListBucket) still uploads: " + s3.requests());
    assertTrue(
        deploy
            .err()
            .contains(
                "error: CloudFormation cannot read the template at "
                    + s3.url()
                    + "/team-templates/team/template-"),
        deploy.err());
    assertTrue(deploy.err().contains(": S3 error: Access Denied\n"), deploy.err());
    assertFalse(
        cloudFormation.actions().contains("CreateChangeSet"), cloudFormation.actions().toString());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
  }

  @Test
  void inlineSizedTemplateNeverTouchesS3UnlessABucketIsGiven() {
    CliRun deploy = cli(TestClusters.team(), "deploy");

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals(List.of(), s3.requests());
    assertEquals(List.of(), cloudFormation.templateUrls());

    s3.createBucket(BUCKET);
    CliRun plan = cli(TestClusters.team(), "plan", "--template-bucket", BUCKET);

    assertEquals(0, plan.exitCode(), plan.toString());
    assertEquals(1, s3.count("PUT"), s3.requests().toString());
    assertEquals(2, cloudFormation.templateUrls().size(), cloudFormation.templateUrls().toString());
    assertTrue(
        new String(
                s3.object(BUCKET, s3.keys(BUCKET).iterator().next()).orElseThrow(),
                StandardCharsets.UTF_8)
            .contains("\"ClusterVpc\""));
  }
}
