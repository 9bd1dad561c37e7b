package dev.cluster.runtime.deploy.images;

import dev.cluster.runtime.deploy.console.DeployException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A Maven-layout repository to fetch an artifact's file from: a folder (a local repository such as
 * {@code ~/.m2/repository}, where a snapshot's file has its plain version) or an http(s) URL (such
 * as Maven Central, where a release is; a snapshot's file there has the timestamped version its
 * {@code maven-metadata.xml} names).
 */
record MavenRepository(String location) {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  static MavenRepository of(String dirOrUrl) {
    if (dirOrUrl.startsWith("http://") || dirOrUrl.startsWith("https://")) {
      return new MavenRepository(dirOrUrl.replaceAll("/+$", ""));
    }
    return new MavenRepository(Path.of(dirOrUrl).toAbsolutePath().normalize().toString());
  }

  static MavenRepository userLocal() {
    return new MavenRepository(
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
  }

  private boolean remote() {
    return location.startsWith("http://") || location.startsWith("https://");
  }

  /** The artifact's bytes, or empty when this repository does not hold it. */
  Optional<byte[]> fetch(MavenArtifact artifact) {
    if (!remote()) {
      Path file = Path.of(location, artifact.folder(), artifact.fileName(artifact.version()));
      try {
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    Optional<String> fileVersion =
        artifact.snapshot()
            ? get(artifact.folder() + "/maven-metadata.xml")
                .flatMap(metadata -> snapshotVersion(metadata, artifact))
            : Optional.of(artifact.version());
    return fileVersion.flatMap(
        version -> get(artifact.folder() + "/" + artifact.fileName(version)));
  }

  private Optional<byte[]> get(String path) {
    URI uri = URI.create(location + "/" + path);
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new DeployException("GET " + uri + " answered HTTP " + response.statusCode());
      }
      return Optional.of(response.body());
    } catch (IOException e) {
      throw new DeployException("cannot GET " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while fetching " + uri, e);
    }
  }

  /**
   * The timestamped version of the snapshot file the metadata lists for the artifact's classifier
   * and extension.
   */
  private Optional<String> snapshotVersion(byte[] metadata, MavenArtifact artifact) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList versions =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(metadata))
              .getElementsByTagName("snapshotVersion");
      for (int i = 0; i < versions.getLength(); i++) {
        Element version = (Element) versions.item(i);
        if (text(version, "classifier").equals(artifact.classifier())
            && text(version, "extension").equals(artifact.extension())) {
          return Optional.of(text(version, "value"));
        }
      }
      return Optional.empty();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new DeployException(
          "cannot read "
              + location
              + "/"
              + artifact.folder()
              + "/maven-metadata.xml: "
              + e.getMessage(),
          e);
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }

  @Override
  public String toString() {
    return location;
  }
}
