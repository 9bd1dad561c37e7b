package dev.cluster.runtime.deploy.aws;

import dev.cluster.runtime.deploy.cli.UsageException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * The region, chosen as the AWS CLI chooses it: {@code --region}, then {@code AWS_REGION} (or the
 * older {@code AWS_DEFAULT_REGION}), then the profile's {@code region} in the AWS config file, and
 * only then the cluster's own region. Whatever was chosen is named in the error when it is not a
 * region.
 */
public record RegionChoice(Region region, String source) {

  public static RegionChoice of(
      Optional<String> flag,
      Optional<String> profileName,
      Map<String, String> env,
      Supplier<ProfileFile> profiles,
      String clusterRegion) {
    if (flag.isPresent()) {
      return checked(flag.get(), "--region");
    }
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        return checked(value, variable);
      }
    }
    String profile =
        profileName.or(() -> Optional.ofNullable(env.get("AWS_PROFILE"))).orElse("default");
    Optional<String> fromProfile =
        profiles.get().profile(profile).flatMap(p -> p.property("region"));
    if (fromProfile.isPresent()) {
      return checked(fromProfile.get(), "the region of AWS profile " + profile);
    }
    return checked(clusterRegion, "the cluster's region");
  }

  private static RegionChoice checked(String name, String source) {
    if (name.isBlank()) {
      throw new UsageException(
          "the region is empty (from " + source + "); give one such as us-east-1 or eu-west-1");
    }
    Region region = Region.of(name.strip());
    if (!Region.regions().contains(region)) {
      throw new UsageException(
          "unknown region '"
              + name
              + "' (from "
              + source
              + "; e.g. us-east-1, eu-west-1; see `aws account list-regions`)");
    }
    return new RegionChoice(region, source);
  }
}
