package dev.cluster.runtime.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.runtime.deploy.console.ConnectionFailure;
import dev.cluster.runtime.deploy.console.DeployException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * etcd's v3 API through its JSON gateway ({@code POST /v3/kv/put} with base64 key and value), which every etcd
 * member serves on its client port. The deploy client reaches it through the fleet tunnel's host, so it needs no
 * gRPC stack and no direct route into the cluster.
 */
public final class EtcdGateway {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public EtcdGateway(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    public void put(String key, byte[] value) {
        Base64.Encoder b64 = Base64.getEncoder();
        String body = JSON.createObjectNode()
                .put("key", b64.encodeToString(key.getBytes(StandardCharsets.UTF_8)))
                .put("value", b64.encodeToString(value))
                .toString();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v3/kv/put")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeployException("cannot reach etcd at " + base + " to store " + key + ": " + ConnectionFailure.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while storing " + key + " in etcd");
        }
        if (response.statusCode() != 200 || !putAnswer(response.body())) {
            throw new DeployException("etcd at " + base + " refused " + key + ": HTTP " + response.statusCode() + " "
                    + response.body().strip());
        }
    }

    /** The value of {@code key}, if it has one ({@code POST /v3/kv/range}). */
    public Optional<String> get(String key) {
        Base64.Encoder b64 = Base64.getEncoder();
        String body = JSON.createObjectNode().put("key", b64.encodeToString(key.getBytes(StandardCharsets.UTF_8))).toString();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v3/kv/range")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !answer.has("header")) {
                throw new DeployException("etcd at " + base + " refused to read " + key + ": HTTP " + response.statusCode()
                        + " " + response.body().strip());
            }
            JsonNode value = answer.path("kvs").path(0).path("value");
            return value.isMissingNode() ? Optional.empty()
                    : Optional.of(new String(Base64.getDecoder().decode(value.asText()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeployException("cannot reach etcd at " + base + " to read " + key + ": " + ConnectionFailure.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while reading " + key + " from etcd");
        }
    }

    /** A put's answer carries the header of the revision it created; an error carries {@code code}/{@code message}. */
    private static boolean putAnswer(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return answer.has("header") && !answer.has("error");
        } catch (IOException notJson) {
            return false;
        }
    }
}
