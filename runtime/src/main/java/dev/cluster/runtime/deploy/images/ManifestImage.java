package dev.cluster.runtime.deploy.images;

/**
 * One image the cluster's units run that the project builds, as the processor wrote it in the jar's
 * {@code images.json}.
 *
 * @param folder its folder under {@code containers/}
 * @param repository its ECR repository, {@code <cluster>/<folder>}
 * @param tag its content tag, which the units name
 * @param output the stack output with the repository's URI
 */
public record ManifestImage(String folder, String repository, String tag, String output) {
  /** The local name an {@code images build} leaves: {@code <repository>:<tag>}. */
  public String localName() {
    return repository + ":" + tag;
  }

  /** The name in a registry: {@code <host>/<repository>:<tag>}. */
  public String in(String registryHost) {
    return registryHost + "/" + localName();
  }
}
