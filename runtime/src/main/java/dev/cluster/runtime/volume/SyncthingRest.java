package dev.cluster.runtime.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The part of Syncthing's REST API the volume agent uses: health, and which devices share the
 * folder.
 */
public final class SyncthingRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  private final String apiKey;

  public SyncthingRest(String guiAddress, String apiKey) {
    this.base = "http://" + guiAddress;
    this.apiKey = apiKey;
  }

  public boolean ready() {
    try {
      return send("GET", "/rest/system/ping", null).path("ping").asText().equals("pong");
    } catch (IOException notYet) {
      return false;
    }
  }

  /**
   * Makes the folder shared with exactly {@code peers} (plus this device), each reachable at its
   * address only.
   */
  public void shareWith(String selfId, String folderId, Collection<Peer> peers) throws IOException {
    Set<String> wanted = new HashSet<>();
    for (Peer peer : peers) {
      ObjectNode device =
          JSON.createObjectNode()
              .put("deviceID", peer.deviceId())
              .put("name", peer.name())
              .put("compression", "metadata")
              .put("introducer", false)
              .put("autoAcceptFolders", false)
              .put("paused", false);
      device.putArray("addresses").add(peer.address());
      send("PUT", "/rest/config/devices/" + peer.deviceId(), device);
      wanted.add(peer.deviceId());
    }
    ObjectNode folder = JSON.createObjectNode();
    ArrayNode devices = folder.putArray("devices");
    devices.addObject().put("deviceID", selfId);
    wanted.forEach(id -> devices.addObject().put("deviceID", id));
    send("PATCH", "/rest/config/folders/" + folderId, folder);
    for (JsonNode device : send("GET", "/rest/config/devices", null)) {
      String id = device.path("deviceID").asText();
      if (!id.equals(selfId) && !wanted.contains(id)) {
        send("DELETE", "/rest/config/devices/" + id, null);
      }
    }
  }

  private JsonNode send(String method, String path, JsonNode body) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("X-API-Key", apiKey)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IOException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
