package dev.cluster.runtime.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The content tag of every image folder under {@code containers/} (a folder with a {@code
 * Containerfile}), written as {@code FOLDER TAG} lines in folder order: what the annotation
 * processor reads to name exact images in the units and to create their repositories. The
 * processor's build runs it on the framework's {@code containers/} into the processor's jar (the
 * framework's index); a team with image folders of its own runs it on them and passes the file with
 * {@code -Adev.cluster.imageTags=FILE}.
 *
 * <p>Usage: {@code ImageTags CONTAINERS_DIR OUT_FILE}
 */
public final class ImageTags {
  public static final String CONTAINERFILE = "Containerfile";

  private ImageTags() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ImageTags CONTAINERS_DIR OUT_FILE");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, format(of(Path.of(args[0]))), StandardCharsets.UTF_8);
  }

  /** Folder name to content tag, for every image folder under {@code containers}. */
  public static Map<String, String> of(Path containers) {
    Map<String, String> tags = new TreeMap<>();
    folders(containers)
        .forEach(folder -> tags.put(folder.getFileName().toString(), ImageContent.tag(folder)));
    return tags;
  }

  /** The image folders under {@code containers}: those with a {@value #CONTAINERFILE}, by name. */
  public static List<Path> folders(Path containers) {
    try (Stream<Path> folders = Files.list(containers)) {
      return folders
          .filter(folder -> Files.isRegularFile(folder.resolve(CONTAINERFILE)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the image folders of " + containers, e);
    }
  }

  static String format(Map<String, String> tags) {
    StringBuilder text = new StringBuilder();
    tags.forEach((folder, tag) -> text.append(folder).append(' ').append(tag).append('\n'));
    return text.toString();
  }
}
