package dev.cluster.runtime.volume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * One replica's Syncthing device as published in etcd under {@code
 * /volumes/<service>/<path-id>/devices/<i>}: {@code
 * {"name":"1","deviceId":"MFZWI3D-...","address":"tcp://127.0.0.1:22001"}}.
 */
public record Peer(String name, String deviceId, String address) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    try {
      return JSON.writeValueAsString(
          Map.of("name", name, "deviceId", deviceId, "address", address));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Peer fromJson(String json) {
    try {
      return JSON.readValue(json, Peer.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a volume peer record: " + json, e);
    }
  }
}
