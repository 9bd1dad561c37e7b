package dev.cluster.runtime.deploy.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not fleet: an in-process HTTP server on 127.0.0.1 that answers as fleet's API v1 document and
 * api/units.go describe: 201 on create, 204 on update and delete, 404 for unknown units, 409 for a
 * new unit without options or an update without desiredState, 400 for bad bodies, names and options
 * (and for activating a template), 415 without a JSON content type, 201 when a PUT gives an
 * existing unit other options (fleet 1.0 creates it again as a new version; there is no 409 for
 * it), error entities as {"error":{"code","message"}}, and pages of {@code pageSize} items linked
 * by nextPageToken. Units reach their desired state at once, as if the cluster's engine were
 * instant, and systemd reports a launched unit as real fleet shows it: {@code active/running}, but
 * {@code active/exited} for a {@code Type=oneshot} with {@code RemainAfterExit=yes} (the generated
 * pods), except units named with {@link #failWhenLaunched}: systemd reports those {@code
 * failed/failed} once launched.
 */
public final class InProcessFleetServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final int pageSize;
  private final Map<String, ObjectNode> units = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private final java.util.Set<String> failing = new java.util.HashSet<>();
  private final java.util.Set<String> failingNow = new java.util.HashSet<>();
  private final Map<String, JsonNode> reported = new LinkedHashMap<>();
  private final Map<String, Integer> staleFor = new LinkedHashMap<>();
  private int stalePolls;

  public InProcessFleetServer(int pageSize) throws IOException {
    this.pageSize = pageSize;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fleet/v1/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized Map<String, String> desiredStates() {
    Map<String, String> states = new LinkedHashMap<>();
    units.forEach((name, unit) -> states.put(name, unit.get("desiredState").asText()));
    return states;
  }

  public synchronized JsonNode unit(String name) {
    return units.get(name);
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * Makes systemd report the unit failed when it is launched, as a unit whose container does not
   * start: the unit as submitted from now on, not the one fleet may have already (that one keeps
   * running).
   */
  public synchronized void failWhenLaunched(String name) {
    failing.add(name);
  }

  /**
   * Keeps reporting a unit's state in /state as it was (with its old hash) for {@code polls} more
   * reads of /state after it changes, as fleet does until the machine's agent has caught up.
   */
  public synchronized void staleStates(int polls) {
    stalePolls = polls;
  }

  /** Forgets every unit, as fleet is after its etcd was lost and started again empty. */
  public synchronized void wipe() {
    units.clear();
  }

  /** Puts a unit into fleet as someone else submitted it. */
  public synchronized void preload(String name, String desiredState, List<UnitOption> options) {
    ObjectNode unit = JSON.createObjectNode();
    unit.put("name", name);
    unit.set("options", JSON.valueToTree(options));
    unit.put("desiredState", desiredState);
    unit.put("currentState", desiredState);
    units.put(name, unit);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring("/fleet/v1/".length());
      String method = exchange.getRequestMethod();
      requests.add(method + " /" + path);
      if (path.equals("units") || path.equals("state") || path.equals("machines")) {
        if (!method.equals("GET")) {
          error(exchange, 405, "only GET supported against this resource");
        } else {
          list(exchange, path);
        }
      } else if (path.startsWith("units/")) {
        String name = path.substring("units/".length());
        observe();
        switch (method) {
          case "GET" -> get(exchange, name);
          case "PUT" -> put(exchange, name);
          case "DELETE" -> delete(exchange, name);
          default ->
              error(exchange, 405, "only GET, PUT and DELETE supported against this resource");
        }
      } else {
        error(exchange, 404, null);
      }
    }
  }

  private void list(HttpExchange exchange, String collection) throws IOException {
    List<JsonNode> items =
        switch (collection) {
          case "units" -> List.copyOf(units.values());
          case "state" -> states();
          default -> machines();
        };
    int start = 0;
    String query = exchange.getRequestURI().getQuery();
    if (query != null) {
      if (!query.matches("nextPageToken=page-\\d+")) {
        error(exchange, 400, "invalid value of nextPageToken query parameter");
        return;
      }
      start = Integer.parseInt(query.substring("nextPageToken=page-".length()));
    }
    ObjectNode page = JSON.createObjectNode();
    ArrayNode array = page.putArray(collection.equals("state") ? "states" : collection);
    items.subList(start, Math.min(items.size(), start + pageSize)).forEach(array::add);
    if (start + pageSize < items.size()) {
      page.put("nextPageToken", "page-" + (start + pageSize));
    }
    send(exchange, 200, page);
  }

  private List<JsonNode> states() {
    List<JsonNode> fresh = freshStates();
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    fresh.forEach(state -> byName.put(state.get("name").asText(), state));
    java.util.Set<String> names = new java.util.LinkedHashSet<>(reported.keySet());
    names.addAll(byName.keySet());
    List<JsonNode> states = new ArrayList<>();
    for (String name : names) {
      JsonNode now = byName.get(name);
      JsonNode before = reported.get(name);
      if (before != null && !before.equals(now) && stalePolls > 0) {
        int left = staleFor.merge(name, stalePolls, (a, b) -> a) - 1;
        if (left >= 0) {
          staleFor.put(name, left);
          states.add(before);
          continue;
        }
      }
      staleFor.remove(name);
      if (now == null) {
        reported.remove(name);
      } else {
        reported.put(name, now);
        states.add(now);
      }
    }
    return states;
  }

  /** Before a change: the machines' agents have reported every unit's current state by now. */
  private void observe() {
    freshStates().forEach(state -> reported.putIfAbsent(state.get("name").asText(), state));
  }

  private List<JsonNode> freshStates() {
    List<JsonNode> states = new ArrayList<>();
    units.values().stream()
        .filter(u -> !u.get("desiredState").asText().equals("inactive"))
        .forEach(
            unit -> {
              boolean launched = unit.get("desiredState").asText().equals("launched");
              boolean failed = launched && failingNow.contains(unit.get("name").asText());
              ObjectNode state = JSON.createObjectNode();
              state.put("name", unit.get("name").asText());
              state.put("hash", Integer.toHexString(unit.get("options").hashCode()));
              state.put("machineID", "machine-1");
              state.put("systemdLoadState", "loaded");
              String systemd =
                  failed
                      ? "failed/failed"
                      : launched ? started(unit.get("options")) : "inactive/dead";
              state.put("systemdActiveState", systemd.substring(0, systemd.indexOf('/')));
              state.put("systemdSubState", systemd.substring(systemd.indexOf('/') + 1));
              states.add(state);
            });
    return states;
  }

  /**
   * What systemd reports for a unit it started successfully: {@code active/running} while its
   * process runs; a {@code Type=oneshot} has none once its work is done, so it is {@code
   * active/exited} with {@code RemainAfterExit=yes} (the generated pods) and {@code inactive/dead}
   * without.
   */
  private static String started(JsonNode options) {
    String type = "simple";
    boolean remains = false;
    for (JsonNode option : options) {
      if (option.path("section").asText().equals("Service")
          && option.path("name").asText().equals("Type")) {
        type = option.path("value").asText();
      }
      if (option.path("section").asText().equals("Service")
          && option.path("name").asText().equals("RemainAfterExit")) {
        remains =
            List.of("1", "yes", "y", "true", "t", "on")
                .contains(option.path("value").asText().toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (type.equals("oneshot")) {
      return remains ? "active/exited" : "inactive/dead";
    }
    return "active/running";
  }

  private static List<JsonNode> machines() {
    List<JsonNode> machines = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ObjectNode machine = JSON.createObjectNode();
      machine.put("id", "machine-" + i);
      machine.put("primaryIP", "10.0.0." + i);
      machine.putObject("metadata").put("group", i == 3 ? "edge" : "main");
      machines.add(machine);
    }
    return machines;
  }

  private void get(HttpExchange exchange, String name) throws IOException {
    ObjectNode unit = units.get(name);
    if (unit == null) {
      error(exchange, 404, "unit does not exist");
    } else {
      send(exchange, 200, unit);
    }
  }

  private void delete(HttpExchange exchange, String name) throws IOException {
    failingNow.remove(name);
    if (units.remove(name) == null) {
      error(exchange, 404, "unit does not exist");
    } else {
      exchange.sendResponseHeaders(204, -1);
    }
  }

  private void put(HttpExchange exchange, String name) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.startsWith("application/json")) {
      error(exchange, 415, "expected Content-Type application/json");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      error(exchange, 400, "unable to decode body: " + e.getMessage());
      return;
    }
    String bodyName = body.path("name").asText(name);
    if (!bodyName.equals(name)) {
      error(
          exchange,
          400,
          "name in URL \""
              + name
              + "\" differs from unit name in request body \""
              + bodyName
              + "\"");
      return;
    }
    if (!name.matches("[A-Za-z0-9:_.\\\\@-]+\\.[a-z]+")) {
      error(exchange, 400, "invalid unit name " + name);
      return;
    }
    JsonNode options = body.path("options");
    String desired = body.path("desiredState").asText("");
    ObjectNode existing = units.get(name);
    boolean hasOptions = options.isArray() && !options.isEmpty();
    if (existing == null) {
      if (!hasOptions) {
        error(exchange, 409, "unit does not exist and options field empty");
        return;
      }
      String invalid = invalidOptions(options);
      if (invalid != null) {
        error(exchange, 400, invalid);
        return;
      }
      if (desired.isEmpty()) {
        desired = "inactive";
      }
      if (name.contains("@.") && !desired.equals("inactive")) {
        error(exchange, 400, "cannot activate template \"" + name + "\"");
        return;
      }
      preload(
          name,
          desired,
          JSON.convertValue(
              options,
              JSON.getTypeFactory().constructCollectionType(List.class, UnitOption.class)));
      if (failing.contains(name)) {
        failingNow.add(name);
      }
      exchange.sendResponseHeaders(201, -1);
      return;
    }
    if (hasOptions && !options.equals(existing.get("options"))) {
      // fleet takes other options for a unit it has as a new version of it: created again, 201
      // (api/units.go)
      units.remove(name);
      failingNow.remove(name);
      preload(
          name,
          desired.isEmpty() ? "inactive" : desired,
          JSON.convertValue(
              options,
              JSON.getTypeFactory().constructCollectionType(List.class, UnitOption.class)));
      if (failing.contains(name)) {
        failingNow.add(name);
      }
      exchange.sendResponseHeaders(201, -1);
      return;
    }
    if (desired.isEmpty()) {
      error(exchange, 409, "must provide DesiredState to update existing unit");
      return;
    }
    if (!List.of("inactive", "loaded", "launched").contains(desired)) {
      error(exchange, 400, "invalid desiredState " + desired);
      return;
    }
    if (name.contains("@.") && !desired.equals("inactive")) {
      error(exchange, 400, "cannot activate template \"" + name + "\"");
      return;
    }
    existing.put("desiredState", desired);
    existing.put("currentState", desired);
    exchange.sendResponseHeaders(204, -1);
  }

  /** fleet's ValidateOptions checks the X-Fleet requirements; this is one of its rules. */
  private static String invalidOptions(JsonNode options) {
    boolean machineId = false;
    boolean conflicts = false;
    for (JsonNode option : options) {
      if (option.path("section").asText().isEmpty() || option.path("name").asText().isEmpty()) {
        return "invalid unit option " + option;
      }
      if (option.get("section").asText().equals("X-Fleet")) {
        machineId |= option.get("name").asText().equals("MachineID");
        conflicts |= option.get("name").asText().equals("Conflicts");
      }
    }
    return machineId && conflicts ? "MachineID cannot be used with Conflicts" : null;
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    if (message == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", status).put("message", message);
    send(exchange, status, body);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
