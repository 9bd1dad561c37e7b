package dev.cluster.processor.generate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.testing.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EC2's 16,384-byte limit on raw user data, measured with every Ref at its longest value. No
 * annotated cluster reaches it (its user data only points at the group's config in S3 and carries
 * the few deploy-time files, about 650 bytes at most), so the check is tested on templates built
 * here, as a change to the boot design would make them.
 */
class UserDataLimitTest {
  private static final Origin MAIN_ORIGIN = new Origin() {};
  private static final NodeGroupSpec MAIN =
      new NodeGroupSpec(
          "m.main", "main", Role.MAIN, List.of("m6i.large"), 3, 0, 0, 50, MAIN_ORIGIN);
  private static final ClusterModel MODEL = Models.model(List.of(MAIN), List.of());

  /**
   * A template whose MAIN launch template's user data is {@code literal} bytes, then the bucket,
   * the region and the account.
   */
  private static ObjectNode template(int literal) {
    ObjectNode template = Json.object();
    template
        .putObject("Parameters")
        .putObject("BootConfigBucket")
        .put("Type", "String")
        .put("MaxLength", 63);
    ObjectNode resources = template.putObject("Resources");
    resources.putObject("EtcdSnapshotBucket").put("Type", "AWS::S3::Bucket");
    ObjectNode launchTemplate = resources.putObject("MainLaunchTemplate");
    launchTemplate.put("Type", "AWS::EC2::LaunchTemplate");
    ArrayNode parts =
        launchTemplate
            .putObject("Properties")
            .putObject("LaunchTemplateData")
            .putObject("UserData")
            .putObject("Fn::Base64")
            .putArray("Fn::Join")
            .add("")
            .addArray();
    parts.add("a".repeat(literal));
    parts.addObject().put("Ref", "BootConfigBucket");
    parts.addObject().put("Ref", "AWS::Region");
    parts.addObject().put("Ref", "AWS::AccountId");
    parts.addObject().put("Ref", "EtcdSnapshotBucket");
    return template;
  }

  /** 63 + 32 + 12 + 63: what the Refs can add at most. */
  private static final int LONGEST_REFS = 170;

  @Test
  void userDataOfExactlySixteenKibibytesWithItsRefsAtTheirLongestFits() {
    assertEquals(
        List.of(),
        UserDataLimit.problems(MODEL, template(UserDataLimit.MAX_RAW_BYTES - LONGEST_REFS)));
    UserDataLimit.Measured measured =
        UserDataLimit.measure(template(UserDataLimit.MAX_RAW_BYTES - LONGEST_REFS)).get(0);
    assertEquals(16_384, measured.rawBytes());
    assertEquals(21_848, measured.base64Bytes());
    assertEquals(0, measured.margin());
  }

  @Test
  void oneByteMoreOnceTheRefsAreFilledIsAnErrorOnTheNodeGroupNamingLimitValueAndRemedy() {
    List<Problem> problems =
        UserDataLimit.problems(MODEL, template(UserDataLimit.MAX_RAW_BYTES - LONGEST_REFS + 1));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(
        "[user-data-limit] the user data of node group main (launch template MainLaunchTemplate) is 16385 bytes raw"
            + " with every Ref at its longest value, but EC2 takes at most 16384 bytes raw (16 KB, before base64): only boot"
            + " files that hold deploy-time values (@@Ref:Name@@) go into the user data, everything else into the group's"
            + " config in S3, so keep those files few and short (put the value alone in an environment file that the other"
            + " files read)",
        problems.get(0).message());
    assertSame(MAIN_ORIGIN, problems.get(0).origin());
  }

  @Test
  void aRefWithoutAKnownLongestValueIsRefusedRatherThanGuessed() {
    ObjectNode template = template(10);
    ((ArrayNode)
            template.at(
                "/Resources/MainLaunchTemplate/Properties/LaunchTemplateData/UserData/Fn::Base64/Fn::Join/1"))
        .addObject()
        .put("Ref", "SomethingElse");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> UserDataLimit.measure(template));
    assertTrue(e.getMessage().contains("SomethingElse"), e.getMessage());
  }

  @Test
  void everyGeneratedUserDataIsMeasuredWithItsBucketAtSixtyThreeCharacters() {
    ClusterModel model =
        Models.model(
            List.of(Models.main(), Models.workers(), Models.data()),
            List.of(
                Models.service("web", "workers", 2, 8080),
                Models.service("search", "data", 1, 9200)));
    ObjectNode template = new TemplateGenerator().template(model);
    List<UserDataLimit.Measured> measured = UserDataLimit.measure(template);
    assertEquals(
        List.of("DataLaunchTemplate", "MainLaunchTemplate", "WorkersLaunchTemplate"),
        measured.stream().map(UserDataLimit.Measured::launchTemplate).toList());
    for (UserDataLimit.Measured userData : measured) {
      assertTrue(
          userData.raw().contains("\"source\":\"s3://" + "x".repeat(63) + "/demo/nodes/"),
          userData.raw());
    }
    assertEquals(List.of(), UserDataLimit.problems(model));
  }
}
