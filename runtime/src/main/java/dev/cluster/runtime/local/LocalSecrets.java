package dev.cluster.runtime.local;

import dev.cluster.contract.descriptor.SecretRef;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.secrets.SecretsStore;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The values the local Secrets Manager stand-in starts with, one per declared secret: a person's
 * from the file {@value #FILE_VARIABLE} names (Java properties, {@code SECRET_NAME=value}), every
 * other one random as {@code deploy} makes the generated ones, and, once made, kept in the
 * cluster's state folder so that every {@code local up} (and a restarted stand-in) serves the same
 * values. What only a person can choose on AWS gets a random value here with a note saying where to
 * set it instead.
 */
public final class LocalSecrets {
  /**
   * The environment variable naming a properties file with the values a person sets on AWS with
   * {@code secrets set}.
   */
  public static final String FILE_VARIABLE = "DEV_CLUSTER_LOCAL_SECRETS";

  private LocalSecrets() {}

  /** The seed and what {@code local up} says about each value it made. */
  public record Seed(Map<String, String> values, List<String> notes) {
    public Seed {
      values = Map.copyOf(values);
      notes = List.copyOf(notes);
    }
  }

  /**
   * Each declared secret's value: the person's file first, then the one kept from an earlier seed,
   * else a new random value. A name in the person's file that the cluster does not declare is an
   * error naming it and the file.
   */
  public static Seed seed(
      List<SecretRef> declared, Map<String, String> kept, Optional<Path> personalFile) {
    Map<String, String> personal = personalFile.map(LocalSecrets::read).orElse(Map.of());
    Set<String> names = declared.stream().map(SecretRef::name).collect(Collectors.toSet());
    Set<String> unknown = new TreeSet<>(personal.keySet());
    unknown.removeAll(names);
    if (!unknown.isEmpty()) {
      throw new DeployException(
          personalFile.orElseThrow()
              + " sets "
              + unknown
              + ", which the cluster does not declare;"
              + " its secrets are "
              + new TreeSet<>(names));
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (SecretRef secret : declared) {
      if (personal.containsKey(secret.name())) {
        values.put(secret.name(), personal.get(secret.name()));
      } else if (kept.containsKey(secret.name())) {
        values.put(secret.name(), kept.get(secret.name()));
      } else {
        values.put(secret.name(), SecretsStore.randomValue());
        notes.add(
            secret.generated()
                ? "generated secret " + secret.name() + " (" + secret.description() + ")"
                : "secret "
                    + secret.name()
                    + " ("
                    + secret.description()
                    + ") is set by a person on AWS (`secrets set`);"
                    + " here it got a random value: put "
                    + secret.name()
                    + "=VALUE in the file $"
                    + FILE_VARIABLE
                    + " names to choose it");
      }
    }
    return new Seed(values, notes);
  }

  /** A properties file's entries; an absent file is empty. */
  public static Map<String, String> read(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secrets from " + file, e);
    } catch (IllegalArgumentException e) {
      throw new DeployException(
          "not a properties file (SECRET_NAME=value lines): " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }

  /**
   * Writes the seed as a properties file readable by the stand-in's user, whole or not at all; its
   * folder is the owner's only, which keeps everyone else out.
   */
  public static void write(Map<String, String> values, Path file) {
    Properties properties = new Properties();
    properties.putAll(values);
    try {
      Files.createDirectories(file.getParent());
      Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
      Path partial = file.resolveSibling(file.getFileName() + ".new");
      try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        properties.store(
            writer, "the local cluster's secrets (local up keeps them; local down removes them)");
      }
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
