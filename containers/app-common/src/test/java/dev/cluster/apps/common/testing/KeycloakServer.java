package dev.cluster.apps.common.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Keycloak from its Maven Central distribution (a test's build unpacks
 * org.keycloak:keycloak-quarkus-dist into {@code target/keycloak} and names the folder in the
 * system property {@code keycloak.home}), in dev mode on a free loopback port with its H2 database
 * in a fresh data folder, importing one realm file at start with the given environment (for the
 * realm's {@code ${...}} placeholders). Keycloak 26 needs Java 21 or later: {@code
 * keycloak.java.home}, else the newest JDK under /usr/lib/jvm that is one.
 */
public final class KeycloakServer implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private final Process process;
  private final int port;
  private final Path log;

  private KeycloakServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Keycloak importing {@code realmJson} (realm {@code realm}) and waits until it serves
   * that realm.
   */
  public static KeycloakServer start(String realm, String realmJson, Map<String, String> env)
      throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.5.6"));
    if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
      throw new AssertionError(
          "no Keycloak at "
              + home
              + ": the build unpacks org.keycloak:keycloak-quarkus-dist"
              + " there (mvn process-test-resources, or scripts/keycloak-dist.sh)");
    }
    Path data = home.resolve("data");
    deleteTree(data);
    Files.createDirectories(data.resolve("import"));
    Files.writeString(data.resolve("import/realm.json"), realmJson);
    int port = FreePort.pick();
    Path log = Files.createTempFile("keycloak", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--import-realm",
                "--http-management-port=" + FreePort.pick(),
                "--cache=local")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", javaHome().toString());
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    builder.environment().putAll(env);
    KeycloakServer server = new KeycloakServer(builder.start(), port, log);
    server.awaitRealm(realm);
    return server;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI issuer(String realm) {
    return url().resolve("/realms/" + realm);
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * A liveness bound, not a timing target: Keycloak's first start builds it, minutes on a busy
   * machine.
   */
  private static final Duration START_LIMIT = Duration.ofMinutes(6);

  private void awaitRealm(String realm) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(START_LIMIT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("Keycloak exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create(issuer(realm) + "/.well-known/openid-configuration"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    close();
    throw new AssertionError(
        "Keycloak did not serve realm " + realm + " within " + START_LIMIT + ":\n" + log());
  }

  private static Path javaHome() {
    String configured = System.getProperty("keycloak.java.home");
    if (configured != null) {
      return Path.of(configured);
    }
    try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      return jdks.filter(p -> Files.isExecutable(p.resolve("bin/java")))
          .filter(p -> featureVersion(p) >= 21)
          .max(Comparator.comparingInt(KeycloakServer::featureVersion))
          .orElseThrow(
              () ->
                  new AssertionError(
                      "Keycloak 26 needs Java 21+ and /usr/lib/jvm has none; install one"
                          + " (e.g. the Debian package openjdk-21-jre-headless, or Temurin 25) or set -Dkeycloak.java.home"));
    } catch (IOException e) {
      throw new AssertionError("Keycloak 26 needs Java 21+: set -Dkeycloak.java.home", e);
    }
  }

  private static int featureVersion(Path jdk) {
    try {
      Path release = jdk.resolve("release");
      if (!Files.exists(release)) {
        return 0;
      }
      return Files.readAllLines(release).stream()
          .filter(l -> l.startsWith("JAVA_VERSION="))
          .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "").split("\\.")[0])
          .mapToInt(Integer::parseInt)
          .findFirst()
          .orElse(0);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
