package dev.cluster.runtime.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The one definition of an image's content tag: a digest of everything its folder under {@code
 * containers/} holds (the Containerfile and what it copies), so a tag names exactly one content and
 * the registry's immutable tags hold. Build outputs ({@code target/} directories) are left out:
 * they differ on every build. What the image copies from elsewhere (the agents image's runtime
 * module, the apps' common library) is listed, one path a line relative to the folder, in its
 * {@value #INPUTS_FILE} file and digested too.
 *
 * <p>Every side uses this class: at build time {@link ImageTags} writes the tags the processor puts
 * in the units and {@link ContainerSources} packs exactly the files a tag covers, and {@code images
 * build|push} computes them again to refuse a folder that changed since.
 */
public final class ImageContent {
  /**
   * Paths outside the folder that the image's content comes from, one a line; {@code #} starts a
   * comment.
   */
  public static final String INPUTS_FILE = "image-inputs";

  /** Hex digits of the digest a tag keeps: 64 bits, no collision among a team's image versions. */
  static final int TAG_LENGTH = 16;

  private static final String BUILD_OUTPUT = "target";

  private ImageContent() {}

  /** The content tag of the image built from {@code folder}. */
  public static String tag(Path folder) {
    MessageDigest digest = sha256();
    files(folder)
        .forEach(
            (name, path) -> {
              digest.update(name.getBytes(StandardCharsets.UTF_8));
              digest.update((byte) 0);
              digest.update((byte) (Files.isExecutable(path) ? 'x' : '-'));
              digest.update(sha256(path));
            });
    return HexFormat.of().formatHex(digest.digest()).substring(0, TAG_LENGTH);
  }

  /**
   * Every file the tag covers, by its name relative to {@code folder} (an input's files start with
   * the input's path, e.g. {@code ../../runtime/src/main/...}): what an image's sources are,
   * wherever they are shipped.
   */
  public static SortedMap<String, Path> files(Path folder) {
    TreeMap<String, Path> files = new TreeMap<>();
    collect(folder, "", files);
    for (String input : inputs(folder)) {
      Path path = folder.resolve(input).normalize();
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(
            folder.resolve(INPUTS_FILE)
                + " names "
                + input
                + ", which does not exist ("
                + path
                + ")");
      }
      collect(path, input, files);
    }
    return files;
  }

  private static List<String> inputs(Path folder) {
    Path file = folder.resolve(INPUTS_FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> inputs = new ArrayList<>();
    for (String line : read(file)) {
      String input = line.replaceFirst("#.*", "").strip();
      if (!input.isEmpty()) {
        inputs.add(input);
      }
    }
    return inputs;
  }

  /**
   * Every regular file under {@code path} (or {@code path} itself), named by {@code name} plus its
   * relative path.
   */
  private static void collect(Path path, String name, TreeMap<String, Path> files) {
    if (!Files.isDirectory(path)) {
      files.put(name, path);
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.filter(Files::isRegularFile)
          .filter(file -> !underBuildOutput(path.relativize(file)))
          .forEach(file -> files.put(join(name, path.relativize(file)), file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }

  private static boolean underBuildOutput(Path relative) {
    for (Path part : relative) {
      if (part.toString().equals(BUILD_OUTPUT)) {
        return true;
      }
    }
    return false;
  }

  private static String join(String name, Path relative) {
    String slashed = relative.toString().replace('\\', '/');
    return name.isEmpty() ? slashed : name + "/" + slashed;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static byte[] sha256(Path file) {
    try {
      return sha256().digest(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
