package dev.cluster.processor.naming;

import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The apps' images whose configuration the processor writes ({@code
 * generate/services/ServiceConfigs}), known by their image's repository (the images of {@code
 * containers/}), since the files are that image's: their paths inside the container and the
 * variables they read are the image's contract. Each names the app's own Postgres in one of its
 * files, which the service-config rule checks the app has.
 */
public enum ConfiguredImage {
  GERRIT("gerrit", "secure.config"),
  MEDIAWIKI("mediawiki", "LocalSettings.php"),
  BUILDBOT("buildbot-master", "master.cfg");

  private final String repository;
  private final String databaseFile;

  ConfiguredImage(String repository, String databaseFile) {
    this.repository = repository;
    this.databaseFile = databaseFile;
  }

  /** The last segment of the image's repository: {@code gerrit}. */
  public String repository() {
    return repository;
  }

  /**
   * The file of its generated configuration that names the app's own Postgres (the image reads its
   * database from it).
   */
  public String databaseFile() {
    return databaseFile;
  }

  /**
   * The image of an app (not a data engine) whose configuration is written, if its image is one of
   * these.
   */
  public static Optional<ConfiguredImage> of(ServiceSpec service) {
    if (service.kind() != ServiceKind.APP || service.dataEngine().isPresent()) {
      return Optional.empty();
    }
    String repository = repositoryOf(service.image());
    return Arrays.stream(values()).filter(image -> image.repository.equals(repository)).findFirst();
  }

  /**
   * The last segment of an image's repository: {@code registry/dev-cluster/gerrit:3.10.1 ->
   * gerrit}.
   */
  public static String repositoryOf(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
    return last.contains(":") ? last.substring(0, last.indexOf(':')) : last;
  }
}
