package dev.cluster.runtime.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that speaks ECR's JSON 1.1 protocol (POST with
 * {@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.Action}, errors as {@code {"__type":...}}) for
 * GetAuthorizationToken and DescribeImages. Its token is {@code base64(AWS:password)} and its proxy endpoint
 * a real registry's URL; DescribeImages answers from that registry ({@code holds}), for the repositories the
 * stack would have created.
 */
public final class InProcessEcrEndpoint extends LoopbackHttpEndpoint {
    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";

    private final URI registry;
    private final String password;
    private final Set<String> repositories;
    private final BiPredicate<String, String> holds;
    private final List<String> targets = new ArrayList<>();

    /**
     * @param holds whether the registry holds {@code (repository, tag)}
     */
    public InProcessEcrEndpoint(URI registry, String password, Set<String> repositories, BiPredicate<String, String> holds)
            throws IOException {
        this.registry = registry;
        this.password = password;
        this.repositories = Set.copyOf(repositories);
        this.holds = holds;
    }

    public synchronized List<String> targets() {
        return List.copyOf(targets);
    }

    @Override
    protected synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!"POST".equals(exchange.getRequestMethod()) || !contentType.startsWith("application/x-amz-json-1.1")) {
                error(exchange, "SerializationException", "expected a POST of application/x-amz-json-1.1, got "
                        + exchange.getRequestMethod() + " of " + contentType);
                return;
            }
            targets.add(target.replace(TARGET_PREFIX, ""));
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
        response.putArray("authorizationData").addObject()
                .put("authorizationToken", Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)))
                .put("expiresAt", 1.9e9)
                .put("proxyEndpoint", registry.toString());
        send(exchange, 200, response);
    }

    private void describeImages(HttpExchange exchange, JsonNode request) throws IOException {
        String repository = request.path("repositoryName").asText();
        if (!repositories.contains(repository)) {
            error(exchange, "RepositoryNotFoundException", "The repository with name '" + repository
                    + "' does not exist in the registry with id '" + ACCOUNT + "'");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        var details = response.putArray("imageDetails");
        for (JsonNode id : request.path("imageIds")) {
            String tag = id.path("imageTag").asText();
            if (!holds.test(repository, tag)) {
                error(exchange, "ImageNotFoundException", "The image with imageId {imageDigest:'null', imageTag:'" + tag
                        + "'} does not exist within the repository with name '" + repository + "' in the registry with id '"
                        + ACCOUNT + "'");
                return;
            }
            ObjectNode detail = details.addObject().put("registryId", ACCOUNT).put("repositoryName", repository)
                    .put("imagePushedAt", 1.7e9);
            detail.putArray("imageTags").add(tag);
        }
        send(exchange, 200, response);
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        send(exchange, 400, JSON.createObjectNode().put("__type", type).put("message", message));
    }
}
