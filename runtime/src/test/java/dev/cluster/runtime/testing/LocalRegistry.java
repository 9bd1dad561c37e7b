package dev.cluster.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A real image registry (Debian's docker-registry: Distribution 2.8) on 127.0.0.1, over plain HTTP,
 * with basic authentication for one user (bcrypt in an htpasswd file, as ECR's tokens decode to a
 * user and a password), storing under {@code dir}. Closing it kills it.
 */
public final class LocalRegistry implements AutoCloseable {
  private static final String MANIFEST_TYPES =
      "application/vnd.docker.distribution.manifest.v2+json,"
          + " application/vnd.oci.image.manifest.v1+json";

  private final Processes processes = new Processes();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final String user;
  private final String password;

  public LocalRegistry(Path dir, String user, String password)
      throws IOException, InterruptedException {
    this.port = FreePorts.next();
    this.user = user;
    this.password = password;
    Path registry = Binaries.require("docker-registry", "docker-registry");
    Path htpasswd = Binaries.require("htpasswd", "apache2-utils");
    Process hash = new ProcessBuilder(htpasswd.toString(), "-niB", user).start();
    hash.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
    hash.getOutputStream().close();
    String line = new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (hash.waitFor() != 0) {
      throw new IllegalStateException("htpasswd failed");
    }
    Files.writeString(dir.resolve("htpasswd"), line + "\n");
    Files.writeString(
        dir.resolve("config.yml"),
        """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                  secret: local-test-registry
                auth:
                  htpasswd:
                    realm: local-test-registry
                    path: %s
                """
            .formatted(dir.resolve("data"), port, dir.resolve("htpasswd")));
    processes.start(
        List.of(registry.toString(), "serve", dir.resolve("config.yml").toString()),
        dir.resolve("registry.log"));
    if (Eventually.within(Duration.ofSeconds(20), () -> status("/v2/", false) == 401) == null) {
      close();
      throw new IllegalStateException(
          "docker-registry did not answer on port "
              + port
              + " within 20 s; see "
              + dir.resolve("registry.log"));
    }
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  public URI url() {
    return URI.create("http://" + host());
  }

  /** The status of a GET of the registry's HTTP API, signed in or not. */
  public int status(String path, boolean signedIn) {
    return get(path, signedIn).statusCode();
  }

  /**
   * The manifest of {@code repository:tag}, as the registry's HTTP API serves it to a signed-in
   * user.
   */
  public HttpResponse<String> manifest(String repository, String tag) {
    return get("/v2/" + repository + "/manifests/" + tag, true);
  }

  private HttpResponse<String> get(String path, boolean signedIn) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url().resolve(path))
            .header("Accept", MANIFEST_TYPES)
            .timeout(Duration.ofSeconds(10));
    if (signedIn) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    processes.close();
  }
}
