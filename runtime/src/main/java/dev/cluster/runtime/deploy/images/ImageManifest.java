package dev.cluster.runtime.deploy.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of the jar's {@code images.json}, beside its template: the processor writes it when
 * the cluster's units run images built from {@code containers/} (the framework's, known from its
 * index, and the team's own).
 */
public final class ImageManifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageManifest() {}

  public static String resource(ClusterDescriptor cluster) {
    String template = cluster.templateResource();
    return template.substring(0, template.lastIndexOf('/') + 1) + "images.json";
  }

  /**
   * The manifest's images; none when the jar has no manifest (its units run only images pulled as
   * declared).
   */
  public static List<ManifestImage> readIfPresent(ClusterDescriptor cluster) {
    return ClasspathResource.exists(resource(cluster)) ? read(cluster) : List.of();
  }

  public static List<ManifestImage> read(ClusterDescriptor cluster) {
    String text;
    try {
      text = ClasspathResource.read(resource(cluster));
    } catch (DeployException e) {
      throw new DeployException(
          "cluster "
              + cluster.name()
              + " runs no image built from containers/ (no "
              + resource(cluster)
              + " in the jar: was it compiled by a processor older than the framework's image index?)");
    }
    try {
      List<ManifestImage> images = new ArrayList<>();
      for (JsonNode image : JSON.readTree(text).path("images")) {
        images.add(
            new ManifestImage(
                image.path("folder").asText(),
                image.path("repository").asText(),
                image.path("tag").asText(),
                image.path("output").asText()));
      }
      return List.copyOf(images);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + resource(cluster), e);
    }
  }

  /** The images named on the command line, in their order; all of them when none is named. */
  public static List<ManifestImage> select(List<ManifestImage> images, List<String> names) {
    if (names.isEmpty()) {
      return images;
    }
    List<ManifestImage> selected = new ArrayList<>();
    for (String name : names) {
      selected.add(
          images.stream()
              .filter(image -> image.folder().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UsageException(
                          "unknown image '"
                              + name
                              + "': the cluster's units run "
                              + String.join(
                                  ", ", images.stream().map(ManifestImage::folder).toList()))));
    }
    return selected;
  }
}
