package dev.cluster.runtime.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where one instance of a service can be reached: the value of {@code /services/<service>/instances/<i>} and of an
 * election candidate's proposal, e.g. {@code {"host":"127.0.0.1","ports":{"http":8080},"startedAt":"2026-..."}}.
 */
public record Instance(String host, Map<String, Integer> ports, String startedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Instance {
        ports = Map.copyOf(ports);
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
            throw new IllegalArgumentException("instance at " + host + " has no port named " + name + ": " + ports);
        }
        return port;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(Map.of("host", host, "ports", new TreeMap<>(ports), "startedAt", startedAt));
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
