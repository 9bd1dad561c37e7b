package dev.cluster.runtime.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.runtime.agent.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The accounts this agent created, and when each was locked: {@code
 * {"accounts":[{"name":..,"uid":.., "lockedSince":..}]}}. It is how the agent tells its own
 * accounts from system and hand-made ones, which it never touches; losing it makes the agent leave
 * every account alone (it refuses to take over an existing name).
 */
public final class StateFile {
  /** Where the state lives inside the system's root. */
  public static final String DEFAULT_PATH = "var/lib/dev-accounts-sync/state.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private StateFile() {}

  public static Map<String, ManagedAccount> read(Path file) throws IOException {
    Map<String, ManagedAccount> accounts = new TreeMap<>();
    if (!Files.exists(file)) {
      return accounts;
    }
    JsonNode root = JSON.readTree(file.toFile());
    for (JsonNode node : root.path("accounts")) {
      String name = node.path("name").asText();
      Optional<Instant> locked =
          node.hasNonNull("lockedSince")
              ? Optional.of(Instant.parse(node.get("lockedSince").asText()))
              : Optional.empty();
      accounts.put(name, new ManagedAccount(name, node.path("uid").asInt(), locked));
    }
    return accounts;
  }

  public static void write(Path file, Map<String, ManagedAccount> accounts) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("accounts");
    new TreeMap<>(accounts)
        .values()
        .forEach(
            a -> {
              ObjectNode node = list.addObject();
              node.put("name", a.name());
              node.put("uid", a.uid());
              a.lockedSince().ifPresent(t -> node.put("lockedSince", t.toString()));
            });
    Files.createDirectories(file.getParent());
    AtomicFile.write(
        file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), AtomicFile.OWNER_ONLY);
  }
}
