package dev.cluster.apps.keyservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys, one JSON file per user on the service's synced volume, each replaced whole by an atomic
 * rename so sshd's lookups never read half a file. Only the elected replica writes (the service is
 * {@code @Elected}), so Syncthing never sees two writers. Every lookup reads the file: a removed
 * key is gone for the next login.
 */
public final class KeyStore {
  /**
   * Account names as Keycloak and useradd both accept them; anything else never becomes a file
   * name.
   */
  public static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

  private final Path dir;
  private final ObjectMapper json = new ObjectMapper();

  public KeyStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  public static boolean validUser(String user) {
    return user != null && USER.matcher(user).matches();
  }

  public synchronized UserKeys read(String user) throws IOException {
    Path file = file(user);
    if (!Files.exists(file)) {
      return UserKeys.NONE;
    }
    return json.readValue(file.toFile(), UserKeys.class);
  }

  /** Adds a key; refuses one the user (or anyone: a key is one person's) has already. */
  public synchronized void add(String user, List<String> groups, PublicKey key)
      throws IOException, PublicKey.Refused {
    UserKeys current = read(user);
    if (current.keys().stream().anyMatch(k -> k.fingerprint().equals(key.fingerprint()))) {
      throw new PublicKey.Refused("you have added this key already (" + key.fingerprint() + ")");
    }
    if (ownerOf(key.fingerprint()).isPresent()) {
      throw new PublicKey.Refused(
          "this key belongs to another account; make your own with ssh-keygen -t ed25519");
    }
    List<PublicKey> keys = new ArrayList<>(current.keys());
    keys.add(key);
    write(user, new UserKeys(groups, keys));
  }

  /** Removes the key of that fingerprint; whether there was one. */
  public synchronized boolean remove(String user, List<String> groups, String fingerprint)
      throws IOException {
    UserKeys current = read(user);
    List<PublicKey> keys =
        current.keys().stream().filter(k -> !k.fingerprint().equals(fingerprint)).toList();
    write(user, new UserKeys(groups, keys));
    return keys.size() != current.keys().size();
  }

  /**
   * The users with at least one key who are in {@code group} (all users with keys when it is
   * empty), sorted.
   */
  public synchronized List<String> accounts(String group) throws IOException {
    List<String> users = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        UserKeys keys = json.readValue(file.toFile(), UserKeys.class);
        if (!keys.keys().isEmpty() && (group.isEmpty() || keys.groups().contains(group))) {
          String name = file.getFileName().toString();
          users.add(name.substring(0, name.length() - ".json".length()));
        }
      }
    }
    return users;
  }

  private Optional<String> ownerOf(String fingerprint) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        UserKeys keys = json.readValue(file.toFile(), UserKeys.class);
        if (keys.keys().stream().anyMatch(k -> k.fingerprint().equals(fingerprint))) {
          String name = file.getFileName().toString();
          return Optional.of(name.substring(0, name.length() - ".json".length()));
        }
      }
    }
    return Optional.empty();
  }

  private void write(String user, UserKeys keys) throws IOException {
    Path temp = Files.createTempFile(dir, "." + user, ".tmp");
    json.writeValue(temp.toFile(), keys);
    try {
      Files.move(
          temp, file(user), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file(user), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path file(String user) {
    if (!validUser(user)) {
      throw new IllegalArgumentException("not an account name: " + user);
    }
    return dir.resolve(user + ".json");
  }
}
