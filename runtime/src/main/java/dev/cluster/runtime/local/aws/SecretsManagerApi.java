package dev.cluster.runtime.local.aws;

import static dev.cluster.runtime.local.aws.AwsJsonResponses.error;
import static dev.cluster.runtime.local.aws.AwsJsonResponses.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not AWS: Secrets Manager's JSON 1.1 protocol (POST with {@code X-Amz-Target:
 * secretsmanager.Action}, errors as {@code {"__type":"ResourceNotFoundException","message":...}})
 * for DescribeSecret, CreateSecret, PutSecretValue and GetSecretValue, over secrets kept in memory.
 * The local cluster's stand-in serves it to the machines (seeded by {@code local up}); the
 * runtime's tests serve it on 127.0.0.1. It checks no signature.
 */
public final class SecretsManagerApi implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String arnPrefix;

  /** Secret name to its current value; null for a secret created without a value. */
  private final Map<String, String> secrets = new LinkedHashMap<>();

  private int versions;

  /** Secrets whose ARNs name {@code region} and {@code account}, starting with {@code initial}. */
  public SecretsManagerApi(String region, String account, Map<String, String> initial) {
    this.arnPrefix = "arn:aws:secretsmanager:" + region + ":" + account + ":secret:";
    secrets.putAll(initial);
  }

  public synchronized void putSecret(String name, String value) {
    secrets.put(name, value);
  }

  public synchronized Map<String, String> secrets() {
    return new LinkedHashMap<>(secrets);
  }

  @Override
  public synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      JsonNode request;
      try {
        request = JSON.readTree(exchange.getRequestBody());
      } catch (IOException e) {
        error(exchange, "SerializationException", "the body is not JSON: " + e.getMessage());
        return;
      }
      switch (target) {
        case "secretsmanager.DescribeSecret" ->
            describe(exchange, request.path("SecretId").asText());
        case "secretsmanager.CreateSecret" -> create(exchange, request);
        case "secretsmanager.PutSecretValue" -> putValue(exchange, request);
        case "secretsmanager.GetSecretValue" ->
            getValue(exchange, request.path("SecretId").asText());
        default -> error(exchange, "UnknownOperationException", "unknown target " + target);
      }
    }
  }

  private void describe(HttpExchange exchange, String name) throws IOException {
    if (!secrets.containsKey(name)) {
      notFound(exchange);
      return;
    }
    ObjectNode response = JSON.createObjectNode().put("ARN", arn(name)).put("Name", name);
    ObjectNode stages = response.putObject("VersionIdsToStages");
    if (secrets.get(name) != null) {
      stages.putArray(versionId(name)).add("AWSCURRENT");
    }
    send(exchange, 200, response);
  }

  private void create(HttpExchange exchange, JsonNode request) throws IOException {
    String name = request.path("Name").asText();
    if (secrets.containsKey(name)) {
      error(
          exchange,
          "ResourceExistsException",
          "The operation failed because the secret " + name + " already exists.");
      return;
    }
    secrets.put(
        name, request.hasNonNull("SecretString") ? request.get("SecretString").asText() : null);
    send(
        exchange,
        200,
        JSON.createObjectNode()
            .put("ARN", arn(name))
            .put("Name", name)
            .put("VersionId", "v" + (++versions)));
  }

  private void putValue(HttpExchange exchange, JsonNode request) throws IOException {
    String name = request.path("SecretId").asText();
    if (!secrets.containsKey(name)) {
      notFound(exchange);
      return;
    }
    secrets.put(name, request.path("SecretString").asText());
    ObjectNode response =
        JSON.createObjectNode()
            .put("ARN", arn(name))
            .put("Name", name)
            .put("VersionId", "v" + (++versions));
    response.putArray("VersionStages").add("AWSCURRENT");
    send(exchange, 200, response);
  }

  private void getValue(HttpExchange exchange, String name) throws IOException {
    if (!secrets.containsKey(name)) {
      notFound(exchange);
      return;
    }
    if (secrets.get(name) == null) {
      error(
          exchange,
          "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
      return;
    }
    ObjectNode response =
        JSON.createObjectNode()
            .put("ARN", arn(name))
            .put("Name", name)
            .put("VersionId", versionId(name))
            .put("SecretString", secrets.get(name))
            .put("CreatedDate", 1.7e9);
    response.putArray("VersionStages").add("AWSCURRENT");
    send(exchange, 200, response);
  }

  private static String versionId(String name) {
    return "version-" + name.hashCode();
  }

  private String arn(String name) {
    return arnPrefix + name + "-AbCdEf";
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    error(
        exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  }
}
