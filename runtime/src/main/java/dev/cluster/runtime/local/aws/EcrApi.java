package dev.cluster.runtime.local.aws;

import static dev.cluster.runtime.local.aws.AwsJsonResponses.error;
import static dev.cluster.runtime.local.aws.AwsJsonResponses.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Not AWS: ECR's JSON 1.1 protocol (POST with {@code X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.Action}, errors as {@code {"__type":...}}) for
 * GetAuthorizationToken and DescribeImages, in front of a real registry: its token is {@code
 * base64(AWS:password)}, its proxy endpoint the registry's URL, and DescribeImages answers from
 * what the registry holds. The local cluster's stand-in serves it (for {@code ecr-login} and {@code
 * local up}'s push); the runtime's tests serve it on 127.0.0.1. It checks no signature.
 */
public final class EcrApi implements HttpHandler {
  public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String account;
  private final URI registry;
  private final String password;
  private final Predicate<String> repositories;
  private final BiPredicate<String, String> holds;

  /**
   * @param repositories whether a repository exists (the stack would have created it)
   * @param holds whether the registry holds {@code (repository, tag)}
   */
  public EcrApi(
      String account,
      URI registry,
      String password,
      Predicate<String> repositories,
      BiPredicate<String, String> holds) {
    this.account = account;
    this.registry = registry;
    this.password = password;
    this.repositories = repositories;
    this.holds = holds;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
      if (!"POST".equals(exchange.getRequestMethod())
          || !contentType.startsWith("application/x-amz-json-1.1")) {
        error(
            exchange,
            "SerializationException",
            "expected a POST of application/x-amz-json-1.1, got "
                + exchange.getRequestMethod()
                + " of "
                + contentType);
        return;
      }
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      switch (target) {
        case TARGET_PREFIX + "GetAuthorizationToken" -> token(exchange);
        case TARGET_PREFIX + "DescribeImages" -> describeImages(exchange, request);
        default -> error(exchange, "UnknownOperationException", "unknown target " + target);
      }
    }
  }

  private void token(HttpExchange exchange) throws IOException {
    ObjectNode response = JSON.createObjectNode();
    response
        .putArray("authorizationData")
        .addObject()
        .put(
            "authorizationToken",
            Base64.getEncoder()
                .encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)))
        .put("expiresAt", 1.9e9)
        .put("proxyEndpoint", registry.toString());
    send(exchange, 200, response);
  }

  private void describeImages(HttpExchange exchange, JsonNode request) throws IOException {
    String repository = request.path("repositoryName").asText();
    if (!repositories.test(repository)) {
      error(
          exchange,
          "RepositoryNotFoundException",
          "The repository with name '"
              + repository
              + "' does not exist in the registry with id '"
              + account
              + "'");
      return;
    }
    ObjectNode response = JSON.createObjectNode();
    var details = response.putArray("imageDetails");
    for (JsonNode id : request.path("imageIds")) {
      String tag = id.path("imageTag").asText();
      if (!holds.test(repository, tag)) {
        error(
            exchange,
            "ImageNotFoundException",
            "The image with imageId {imageDigest:'null', imageTag:'"
                + tag
                + "'} does not exist within the repository with name '"
                + repository
                + "' in the registry with id '"
                + account
                + "'");
        return;
      }
      ObjectNode detail =
          details
              .addObject()
              .put("registryId", account)
              .put("repositoryName", repository)
              .put("imagePushedAt", 1.7e9);
      detail.putArray("imageTags").add(tag);
    }
    send(exchange, 200, response);
  }
}
