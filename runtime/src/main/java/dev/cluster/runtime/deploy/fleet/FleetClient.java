package dev.cluster.runtime.deploy.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.runtime.deploy.console.ConnectionFailure;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * fleet's HTTP API v1 ({@code /fleet/v1}): units, unit states and machines, following {@code
 * nextPageToken} pages and turning fleet's error entities into {@link FleetException}.
 */
public final class FleetClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI api;
  private final HttpClient http;

  public FleetClient(URI endpoint) {
    String base = endpoint.toString().replaceAll("/+$", "");
    this.api = URI.create(base + "/fleet/v1/");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
  }

  public List<FleetUnit> units() {
    return pages("units", "units", FleetUnit.class);
  }

  public Optional<FleetUnit> unit(String name) {
    HttpResponse<String> response = send("GET " + name, request(unitPath(name)).GET());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(read(expectSuccess("GET " + name, response), FleetUnit.class));
  }

  public List<UnitState> states() {
    return pages("state", "states", UnitState.class);
  }

  public List<FleetMachine> machines() {
    return pages("machines", "machines", FleetMachine.class);
  }

  /**
   * Creates a unit with its options; true if fleet created it (201), false if it already had it
   * (204).
   */
  public boolean create(String name, List<UnitOption> options, DesiredState state) {
    ObjectNode body = JSON.createObjectNode();
    body.put("desiredState", state.wire());
    body.set("options", JSON.valueToTree(options));
    return put(name, body) == 201;
  }

  public void setDesiredState(String name, DesiredState state) {
    ObjectNode body = JSON.createObjectNode();
    body.put("desiredState", state.wire());
    put(name, body);
  }

  /** Removes a unit from fleet; false if fleet did not have it. */
  public boolean destroy(String name) {
    HttpResponse<String> response = send("DELETE " + name, request(unitPath(name)).DELETE());
    if (response.statusCode() == 404) {
      return false;
    }
    expectSuccess("DELETE " + name, response);
    return true;
  }

  private int put(String name, ObjectNode body) {
    HttpRequest.Builder request =
        request(unitPath(name))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString()));
    return expectSuccess("PUT " + name, send("PUT " + name, request)).statusCode();
  }

  private <T> List<T> pages(String path, String field, Class<T> type) {
    List<T> items = new ArrayList<>();
    String token = null;
    do {
      String query =
          token == null ? "" : "?nextPageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      HttpResponse<String> response =
          expectSuccess("GET /" + path, send("GET /" + path, request(path + query).GET()));
      JsonNode page = tree(response.body());
      for (JsonNode item : page.path(field)) {
        items.add(JSON.convertValue(item, type));
      }
      token = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
    } while (token != null);
    return List.copyOf(items);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(api.resolve(path)).timeout(TIMEOUT);
  }

  private static String unitPath(String name) {
    return "units/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> send(String what, HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new DeployException(
          "fleet is unreachable at "
              + api
              + " ("
              + ConnectionFailure.describe(e)
              + "); check --fleet-url, or reach a main node with --tunnel USER@HOST");
    } catch (IOException e) {
      throw new DeployException(
          "fleet at " + api + " failed during " + what + ": " + ConnectionFailure.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException(
          "interrupted while talking to fleet (" + what + ")", ExitCode.INTERRUPTED);
    }
  }

  private static HttpResponse<String> expectSuccess(String what, HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new FleetException(what, response.statusCode(), errorMessage(response));
    }
    return response;
  }

  /**
   * fleet's error entity is {@code {"error":{"code":..,"message":..}}}; some errors come without
   * one.
   */
  private static String errorMessage(HttpResponse<String> response) {
    try {
      JsonNode message = JSON.readTree(response.body()).path("error").path("message");
      if (message.isTextual() && !message.asText().isEmpty()) {
        return message.asText();
      }
    } catch (JsonProcessingException notJson) {
      // fall through to the status alone
    }
    return "no error message";
  }

  private static JsonNode tree(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DeployException(
          "fleet sent a response that is not JSON: " + e.getOriginalMessage());
    }
  }

  private static <T> T read(HttpResponse<String> response, Class<T> type) {
    return JSON.convertValue(tree(response.body()), type);
  }
}
