package dev.cluster.runtime.deploy.images;

import dev.cluster.runtime.deploy.console.DeployException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The account's ECR registry in the command's region, logged in with a token from {@code
 * GetAuthorizationToken} (valid 12 hours): the registry's host, and the user and password its token
 * decodes to.
 *
 * @param plainHttp whether the endpoint speaks HTTP without TLS (only a test registry does)
 */
public record EcrRegistry(String host, String user, String password, boolean plainHttp) {
  public static EcrRegistry authorize(EcrClient ecr) {
    AuthorizationData data =
        ecr.getAuthorizationToken(request -> {}).authorizationData().stream()
            .findFirst()
            .orElseThrow(
                () -> new DeployException("ECR's GetAuthorizationToken returned no token"));
    String decoded =
        new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new DeployException("ECR's token is not USER:PASSWORD once decoded");
    }
    URI endpoint = URI.create(data.proxyEndpoint());
    String host =
        endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    return new EcrRegistry(
        host,
        decoded.substring(0, colon),
        decoded.substring(colon + 1),
        "http".equals(endpoint.getScheme()));
  }

  /**
   * Whether the repository already holds the image's tag (tags are immutable: it is the same
   * content).
   */
  public static boolean holds(EcrClient ecr, ManifestImage image) {
    return switch (presence(ecr, image)) {
      case HELD -> true;
      case NO_TAG -> false;
      case NO_REPOSITORY ->
          throw new DeployException(
              "ECR has no repository "
                  + image.repository()
                  + " in this account and"
                  + " region: deploy the stack first (its template creates one repository per image), or pass the stack's --region");
    };
  }

  /**
   * Where ECR stands with the image: held, its repository without the tag, or no such repository.
   */
  public enum Presence {
    HELD,
    NO_TAG,
    NO_REPOSITORY
  }

  public static Presence presence(EcrClient ecr, ManifestImage image) {
    try {
      ecr.describeImages(
          request ->
              request
                  .repositoryName(image.repository())
                  .imageIds(ImageIdentifier.builder().imageTag(image.tag()).build()));
      return Presence.HELD;
    } catch (ImageNotFoundException e) {
      return Presence.NO_TAG;
    } catch (RepositoryNotFoundException e) {
      return Presence.NO_REPOSITORY;
    }
  }

  @Override
  public String toString() {
    return "EcrRegistry[host=" + host + ", user=" + user + ", plainHttp=" + plainHttp + "]";
  }
}
