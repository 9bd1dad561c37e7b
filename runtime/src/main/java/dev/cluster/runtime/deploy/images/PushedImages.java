package dev.cluster.runtime.deploy.images;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.UnitFile;
import dev.cluster.runtime.deploy.ClasspathResource;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The deploy precondition "images pushed": the images of the jar's manifest that the units about to
 * run pull, each of which must be in its ECR repository before any of them is started, since a unit
 * whose image is missing fails on every machine it lands on.
 */
public final class PushedImages {
  private PushedImages() {}

  /** A manifest image the units pull that ECR does not hold, and why. */
  public record Missing(ManifestImage image, EcrRegistry.Presence presence) {
    @Override
    public String toString() {
      return image.localName()
          + (presence == EcrRegistry.Presence.NO_REPOSITORY ? " (no repository)" : " (not pushed)");
    }
  }

  /**
   * The manifest's images that the units of {@code services} name, as the processor writes them:
   * {@code <repository>:<tag>}.
   */
  public static List<ManifestImage> pulledBy(
      ClusterDescriptor cluster, Collection<String> services) {
    Set<String> selected = Set.copyOf(services);
    String units =
        cluster.units().stream()
            .filter(unit -> selected.contains(unit.service()))
            .map(UnitFile::resource)
            .map(ClasspathResource::read)
            .collect(Collectors.joining("\n"));
    return ImageManifest.readIfPresent(cluster).stream()
        .filter(image -> units.contains("/" + image.localName()))
        .toList();
  }

  public static List<Missing> missing(EcrClient ecr, List<ManifestImage> images) {
    return images.stream()
        .map(image -> new Missing(image, EcrRegistry.presence(ecr, image)))
        .filter(missing -> missing.presence() != EcrRegistry.Presence.HELD)
        .toList();
  }
}
