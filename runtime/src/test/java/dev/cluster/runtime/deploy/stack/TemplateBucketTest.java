package dev.cluster.runtime.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.cli.UsageException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The TemplateURL forms, bucket name checks and bucket commands, without S3. */
class TemplateBucketTest {
  private static final String KEY = "team/template-0123abcd.json";

  private static TemplateBucket bucket(Region region, Optional<URI> endpoint) {
    return new TemplateBucket(null, "team-templates", region, endpoint, null);
  }

  @Test
  void templateUrlIsVirtualHostedOnAwsAndPathStyleOnAnotherEndpoint() {
    assertEquals(
        "https://team-templates.s3.eu-west-1.amazonaws.com/" + KEY,
        bucket(Region.EU_WEST_1, Optional.empty()).url(KEY));
    assertEquals(
        "https://team-templates.s3.cn-north-1.amazonaws.com.cn/" + KEY,
        bucket(Region.CN_NORTH_1, Optional.empty()).url(KEY));
    assertEquals(
        "http://127.0.0.1:9000/team-templates/" + KEY,
        bucket(Region.EU_WEST_1, Optional.of(URI.create("http://127.0.0.1:9000/"))).url(KEY));
  }

  @Test
  void bucketNamesAreCheckedBeforeAnyCall() {
    TemplateBucket.requireValidName("team-templates.example");
    assertThrows(UsageException.class, () -> TemplateBucket.requireValidName("Team_Templates"));
    assertThrows(UsageException.class, () -> TemplateBucket.requireValidName("ab"));
    assertThrows(UsageException.class, () -> TemplateBucket.requireValidName("team..templates"));
  }

  @Test
  void usEast1BucketsAreCreatedWithoutALocationConstraint() {
    String commands = TemplateBucket.creationCommands("team-cfn-templates", "us-east-1");
    assertTrue(
        commands.startsWith(
            "  aws s3api create-bucket --bucket team-cfn-templates --region us-east-1\n"),
        commands);
    assertFalse(commands.contains("LocationConstraint"), commands);
    assertTrue(commands.contains("put-public-access-block"), commands);
  }
}
