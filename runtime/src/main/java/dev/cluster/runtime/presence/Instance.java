package dev.cluster.runtime.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one instance of a service can be reached: the value of {@code
 * /services/<service>/instances/<i>} and of an election candidate's proposal, e.g. {@code
 * {"host":"127.0.0.1","ports":{"http":8080},"startedAt":"2026-..."}}. {@code publicAddress} is set
 * only for instances reached from outside the cluster (the front door's, which the DNS updater
 * publishes); {@code host} is always the address other machines of the cluster use.
 */
public record Instance(
    String host, String publicAddress, Map<String, Integer> ports, String startedAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public Instance {
    ports = Map.copyOf(ports);
    if (publicAddress != null && publicAddress.isBlank()) {
      publicAddress = null;
    }
  }

  /** An instance reached only from inside the cluster. */
  public Instance(String host, Map<String, Integer> ports, String startedAt) {
    this(host, null, ports, startedAt);
  }

  /** Parses {@code name=port} pairs such as {@code http=8080}. */
  public static Map<String, Integer> parsePorts(Iterable<String> pairs) {
    Map<String, Integer> ports = new TreeMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected --port name=number, got: " + pair);
      }
      ports.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
    }
    return ports;
  }

  public int port(String name) {
    Integer port = ports.get(name);
    if (port == null) {
      throw new IllegalArgumentException(
          "instance at " + host + " has no port named " + name + ": " + ports);
    }
    return port;
  }

  public String toJson() {
    try {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("host", host);
      if (publicAddress != null) {
        record.put("publicAddress", publicAddress);
      }
      record.put("ports", new TreeMap<>(ports));
      record.put("startedAt", startedAt);
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Instance fromJson(String json) {
    try {
      return JSON.readValue(json, Instance.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an instance record: " + json, e);
    }
  }
}
