package dev.cluster.processor.model;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images built from {@code containers/} folders, by folder, with their content tags: the
 * framework's own (agents, postgres-patroni, redis, ..., from the index in the processor's jar)
 * merged with a team's own, read from the file the processor's option {@value #OPTION} names. Every
 * image in the namespace ({@code dev-cluster/<name>:<version>}) is a {@link TeamImage} in the
 * cluster's own registry; any other image is an upstream one, pulled as declared. A model without
 * built images ({@link #NONE}, models made in code) pulls every image as declared.
 */
public record BuiltImages(Map<String, String> tagsByFolder) {
  /**
   * The processor option naming a team's own {@code FOLDER TAG} file (written by the runtime's
   * {@code ImageTags}).
   */
  public static final String OPTION = "dev.cluster.imageTags";

  /**
   * The team's namespace: the images of {@code containers/} (build.sh's tag prefix) and the apps
   * built elsewhere.
   */
  public static final String NAMESPACE = "dev-cluster/";

  public static final BuiltImages NONE = new BuiltImages(Map.of());
  private static final Pattern TEAM_IMAGE =
      Pattern.compile(
          Pattern.quote(NAMESPACE)
              + "([a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?");

  public BuiltImages {
    tagsByFolder = Map.copyOf(new TreeMap<>(tagsByFolder));
  }

  /**
   * The team image a declared reference names: built here when its folder is known, else by its
   * declared version. Empty for an upstream image, for a team image without a version tag (pinned
   * by digest, or unpinned: the image rule warns), and when the project's images are not known.
   */
  public Optional<TeamImage> of(String declared) {
    Matcher m = TEAM_IMAGE.matcher(declared);
    if (isEmpty() || !m.matches()) {
      return Optional.empty();
    }
    String name = m.group(1);
    if (tagsByFolder.containsKey(name)) {
      return Optional.of(new TeamImage(name, tagsByFolder.get(name), true));
    }
    return Optional.ofNullable(m.group(2)).map(version -> new TeamImage(name, version, false));
  }

  /** These images with {@code over}'s added, {@code over}'s tag winning for a folder both know. */
  public BuiltImages with(BuiltImages over) {
    Map<String, String> merged = new TreeMap<>(tagsByFolder);
    merged.putAll(over.tagsByFolder);
    return new BuiltImages(merged);
  }

  public boolean isEmpty() {
    return tagsByFolder.isEmpty();
  }
}
