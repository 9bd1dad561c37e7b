package dev.cluster.runtime.deploy.images;

/**
 * One file of a Maven artifact, by its coordinates, and where a Maven-layout repository keeps it.
 */
record MavenArtifact(
    String groupId, String artifactId, String version, String extension, String classifier) {
  boolean snapshot() {
    return version.endsWith("-SNAPSHOT");
  }

  /** Its folder in a Maven-layout repository, e.g. {@code dev/cluster/file-drop/0.1.0}. */
  String folder() {
    return groupId.replace('.', '/') + "/" + artifactId + "/" + version;
  }

  /**
   * Its file name for {@code fileVersion}: the version itself, or, for a snapshot in a remote
   * repository, the timestamped version its maven-metadata.xml names.
   */
  String fileName(String fileVersion) {
    return artifactId + "-" + fileVersion + "-" + classifier + "." + extension;
  }

  /** As Maven's tools write it: {@code groupId:artifactId:extension:classifier:version}. */
  @Override
  public String toString() {
    return String.join(":", groupId, artifactId, extension, classifier, version);
  }
}
