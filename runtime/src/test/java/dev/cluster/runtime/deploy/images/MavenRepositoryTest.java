package dev.cluster.runtime.deploy.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching an app's image artifact from a Maven-layout repository: a folder (a local repository, a
 * snapshot's file by its plain version) or a URL, here a folder of static files served over HTTP on
 * 127.0.0.1 as Maven Central serves its own (a release by its version, a snapshot by the
 * timestamped version its maven-metadata.xml names).
 */
class MavenRepositoryTest {
  private static final byte[] ZIP = "the image zip".getBytes(StandardCharsets.UTF_8);
  private static final MavenArtifact RELEASE =
      new MavenArtifact("dev.cluster", "file-drop", "1.2.0", "zip", "image");
  private static final MavenArtifact SNAPSHOT =
      new MavenArtifact("dev.cluster", "file-drop", "1.3.0-SNAPSHOT", "zip", "image");

  @TempDir Path repo;
  private HttpServer server;
  private String url;

  @BeforeEach
  void serveTheFolder() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/maven2/", this::serve);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    Path file =
        repo.resolve(exchange.getRequestURI().getPath().substring("/maven2/".length())).normalize();
    if (exchange.getRequestURI().getPath().contains("broken")) {
      exchange.sendResponseHeaders(503, -1);
    } else if (file.startsWith(repo) && Files.isRegularFile(file)) {
      byte[] body = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } else {
      exchange.sendResponseHeaders(404, -1);
    }
    exchange.close();
  }

  private void put(String path, byte[] bytes) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  @Test
  void aReleaseComesFromAUrlByItsVersion() throws IOException {
    put("dev/cluster/file-drop/1.2.0/file-drop-1.2.0-image.zip", ZIP);

    assertArrayEquals(ZIP, MavenRepository.of(url).fetch(RELEASE).orElseThrow());
  }

  @Test
  void aSnapshotComesFromAUrlByTheTimestampedVersionItsMetadataNamesForTheClassifier()
      throws IOException {
    put(
        "dev/cluster/file-drop/1.3.0-SNAPSHOT/maven-metadata.xml",
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata>
          <groupId>dev.cluster</groupId><artifactId>file-drop</artifactId><version>1.3.0-SNAPSHOT</version>
          <versioning>
            <snapshot><timestamp>20261207.101500</timestamp><buildNumber>4</buildNumber></snapshot>
            <snapshotVersions>
              <snapshotVersion><extension>jar</extension><value>1.3.0-20261207.101500-4</value></snapshotVersion>
              <snapshotVersion><classifier>image</classifier><extension>zip</extension><value>1.3.0-20261207.101500-4</value></snapshotVersion>
            </snapshotVersions>
          </versioning>
        </metadata>
        """
            .getBytes(StandardCharsets.UTF_8));
    put("dev/cluster/file-drop/1.3.0-SNAPSHOT/file-drop-1.3.0-20261207.101500-4-image.zip", ZIP);

    assertArrayEquals(ZIP, MavenRepository.of(url).fetch(SNAPSHOT).orElseThrow());
  }

  @Test
  void aSnapshotComesFromAFolderByItsPlainVersionAsMavenInstallsIt() throws IOException {
    put("dev/cluster/file-drop/1.3.0-SNAPSHOT/file-drop-1.3.0-SNAPSHOT-image.zip", ZIP);

    assertArrayEquals(ZIP, MavenRepository.of(repo.toString()).fetch(SNAPSHOT).orElseThrow());
  }

  @Test
  void anArtifactTheRepositoryDoesNotHoldIsEmptyFromAFolderAndFromAUrl() throws IOException {
    put("dev/cluster/file-drop/1.2.0/file-drop-1.2.0.jar", ZIP);

    assertEquals(Optional.empty(), MavenRepository.of(repo.toString()).fetch(RELEASE));
    assertEquals(Optional.empty(), MavenRepository.of(url).fetch(RELEASE));
    assertEquals(
        Optional.empty(), MavenRepository.of(url).fetch(SNAPSHOT), "no maven-metadata.xml");
  }

  @Test
  void aRepositoryThatAnswersAnErrorIsAnErrorNamingTheUrl() {
    DeployException error =
        assertThrows(
            DeployException.class, () -> MavenRepository.of(url + "broken").fetch(RELEASE));

    assertTrue(
        error
            .getMessage()
            .contains(
                url
                    + "broken/dev/cluster/file-drop/1.2.0/file-drop-1.2.0-image.zip answered HTTP 503"),
        error.getMessage());
  }
}
