package dev.cluster.runtime.deploy.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cluster.runtime.deploy.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * The region comes from where the AWS CLI takes it, in its order, and a bad one names where it came
 * from.
 */
class RegionChoiceTest {
  private static final Supplier<ProfileFile> NO_PROFILES = () -> ProfileFile.aggregator().build();

  private static Supplier<ProfileFile> config(Path dir, String text) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), text);
    return () -> ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build();
  }

  @Test
  void theFlagComesFirst(@TempDir Path dir) throws Exception {
    RegionChoice choice =
        RegionChoice.of(
            Optional.of("us-east-2"),
            Optional.empty(),
            Map.of("AWS_REGION", "eu-central-1"),
            config(dir, "[default]\nregion = ap-south-1\n"),
            "eu-west-1");
    assertEquals(new RegionChoice(Region.US_EAST_2, "--region"), choice);
  }

  @Test
  void thenTheEnvironmentThenTheProfileThenTheCluster(@TempDir Path dir) throws Exception {
    Supplier<ProfileFile> profiles =
        config(dir, "[default]\nregion = ap-south-1\n[profile ops]\nregion = ca-central-1\n");
    assertEquals(
        Region.EU_CENTRAL_1,
        RegionChoice.of(
                Optional.empty(),
                Optional.empty(),
                Map.of("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "us-west-1"),
                profiles,
                "eu-west-1")
            .region());
    assertEquals(
        Region.US_WEST_1,
        RegionChoice.of(
                Optional.empty(),
                Optional.empty(),
                Map.of("AWS_DEFAULT_REGION", "us-west-1"),
                profiles,
                "eu-west-1")
            .region());
    assertEquals(
        Region.AP_SOUTH_1,
        RegionChoice.of(Optional.empty(), Optional.empty(), Map.of(), profiles, "eu-west-1")
            .region());
    assertEquals(
        Region.CA_CENTRAL_1,
        RegionChoice.of(Optional.empty(), Optional.of("ops"), Map.of(), profiles, "eu-west-1")
            .region());
    assertEquals(
        Region.CA_CENTRAL_1,
        RegionChoice.of(
                Optional.empty(),
                Optional.empty(),
                Map.of("AWS_PROFILE", "ops"),
                profiles,
                "eu-west-1")
            .region());
    assertEquals(
        new RegionChoice(Region.EU_WEST_1, "the cluster's region"),
        RegionChoice.of(Optional.empty(), Optional.empty(), Map.of(), NO_PROFILES, "eu-west-1"));
  }

  @Test
  void anEmptyOrUnknownRegionIsAUsageErrorNamingItsSource() {
    UsageException empty =
        assertThrows(
            UsageException.class,
            () ->
                RegionChoice.of(
                    Optional.of(""), Optional.empty(), Map.of(), NO_PROFILES, "eu-west-1"));
    assertEquals(
        "the region is empty (from --region); give one such as us-east-1 or eu-west-1",
        empty.getMessage());
    UsageException unknown =
        assertThrows(
            UsageException.class,
            () ->
                RegionChoice.of(
                    Optional.empty(),
                    Optional.empty(),
                    Map.of("AWS_REGION", "eu-middle-7"),
                    NO_PROFILES,
                    "eu-west-1"));
    assertEquals(
        "unknown region 'eu-middle-7' (from AWS_REGION; e.g. us-east-1, eu-west-1; see `aws account list-regions`)",
        unknown.getMessage());
  }
}
