package dev.cluster.runtime.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that speaks Secrets Manager's JSON 1.1
 * protocol (POST with {@code X-Amz-Target: secretsmanager.Action}, errors as
 * {@code {"__type":"ResourceNotFoundException","message":...}}) for DescribeSecret, CreateSecret,
 * PutSecretValue and GetSecretValue.
 */
public final class InProcessSecretsManagerEndpoint extends LoopbackHttpEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Secret name to its current value; null for a secret created without a value. */
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> targets = new ArrayList<>();
    private int versions;

    public InProcessSecretsManagerEndpoint() throws IOException {
    }

    public synchronized void putSecret(String name, String value) {
        secrets.put(name, value);
    }

    public synchronized Map<String, String> secrets() {
        return new LinkedHashMap<>(secrets);
    }

    public synchronized List<String> targets() {
        return List.copyOf(targets);
    }

    @Override
    protected synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            targets.add(target);
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            switch (target) {
                case "secretsmanager.DescribeSecret" -> describe(exchange, request.path("SecretId").asText());
                case "secretsmanager.CreateSecret" -> create(exchange, request);
                case "secretsmanager.PutSecretValue" -> putValue(exchange, request);
                case "secretsmanager.GetSecretValue" -> getValue(exchange, request.path("SecretId").asText());
                default -> error(exchange, "UnknownOperationException", "unknown target " + target);
            }
        }
    }

    private void describe(HttpExchange exchange, String name) throws IOException {
        if (!secrets.containsKey(name)) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        ObjectNode response = JSON.createObjectNode().put("ARN", arn(name)).put("Name", name);
        ObjectNode stages = response.putObject("VersionIdsToStages");
        if (secrets.get(name) != null) {
            stages.putArray("version-" + name.hashCode()).add("AWSCURRENT");
        }
        send(exchange, 200, response);
    }

    private void create(HttpExchange exchange, JsonNode request) throws IOException {
        String name = request.path("Name").asText();
        if (secrets.containsKey(name)) {
            error(exchange, "ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
            return;
        }
        secrets.put(name, request.hasNonNull("SecretString") ? request.get("SecretString").asText() : null);
        send(exchange, 200, JSON.createObjectNode().put("ARN", arn(name)).put("Name", name).put("VersionId", "v" + (++versions)));
    }

    private void putValue(HttpExchange exchange, JsonNode request) throws IOException {
        String name = request.path("SecretId").asText();
        if (!secrets.containsKey(name)) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        secrets.put(name, request.path("SecretString").asText());
        ObjectNode response = JSON.createObjectNode().put("ARN", arn(name)).put("Name", name).put("VersionId", "v" + (++versions));
        response.putArray("VersionStages").add("AWSCURRENT");
        send(exchange, 200, response);
    }

    private void getValue(HttpExchange exchange, String name) throws IOException {
        if (!secrets.containsKey(name)) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        if (secrets.get(name) == null) {
            error(exchange, "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
            return;
        }
        ObjectNode response = JSON.createObjectNode().put("ARN", arn(name)).put("Name", name)
                .put("VersionId", "version-" + name.hashCode()).put("SecretString", secrets.get(name))
                .put("CreatedDate", 1.7e9);
        response.putArray("VersionStages").add("AWSCURRENT");
        send(exchange, 200, response);
    }

    private static String arn(String name) {
        return "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + name + "-AbCdEf";
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        send(exchange, 400, JSON.createObjectNode().put("__type", type).put("message", message));
    }
}
