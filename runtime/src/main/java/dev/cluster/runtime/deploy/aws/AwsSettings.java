package dev.cluster.runtime.deploy.aws;

import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/** Where and as whom to call AWS: region, profile and endpoint overrides from the command line. */
public record AwsSettings(
    Region region,
    Optional<String> profile,
    Optional<URI> cloudFormationEndpoint,
    Optional<URI> secretsManagerEndpoint,
    Optional<URI> s3Endpoint,
    Optional<URI> ec2Endpoint,
    Optional<URI> ecrEndpoint) {

  public static AwsSettings from(Request request) {
    return from(request, System.getenv(), ProfileFile::defaultProfileFile);
  }

  static AwsSettings from(
      Request request, Map<String, String> env, Supplier<ProfileFile> profiles) {
    Region region =
        RegionChoice.of(
                request.invocation().value(Option.REGION),
                request.invocation().value(Option.PROFILE),
                env,
                profiles,
                request.cluster().defaultRegion())
            .region();
    return new AwsSettings(
        region,
        request.invocation().value(Option.PROFILE),
        request
            .invocation()
            .value(Option.ENDPOINT_URL)
            .map(url -> endpoint(Option.ENDPOINT_URL, url)),
        request
            .invocation()
            .value(Option.SECRETS_ENDPOINT_URL)
            .map(url -> endpoint(Option.SECRETS_ENDPOINT_URL, url)),
        request
            .invocation()
            .value(Option.S3_ENDPOINT_URL)
            .map(url -> endpoint(Option.S3_ENDPOINT_URL, url)),
        request
            .invocation()
            .value(Option.EC2_ENDPOINT_URL)
            .map(url -> endpoint(Option.EC2_ENDPOINT_URL, url)),
        request
            .invocation()
            .value(Option.ECR_ENDPOINT_URL)
            .map(url -> endpoint(Option.ECR_ENDPOINT_URL, url)));
  }

  private static URI endpoint(Option option, String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new UsageException(
            option.flag()
                + " must be a URL such as https://cloudformation.example.com, got '"
                + url
                + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException(option.flag() + " is not a URL: " + e.getMessage());
    }
  }
}
