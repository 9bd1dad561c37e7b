package dev.cluster.processor.read;

import dev.cluster.processor.model.BuiltImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code FOLDER TAG} lines the runtime's {@code ImageTags} writes for {@code
 * containers/}: the processor only reads tags, it never computes them, so the units and {@code
 * images push} agree by construction. Two such files reach it: the framework's index in its own jar
 * ({@link #framework()}) and a team's own, named by {@code -A}{@value BuiltImages#OPTION} ({@link
 * #read(Path)}).
 */
public final class ImageTagsFile {
  /**
   * The framework's index, written into the processor's jar by its build from the framework's
   * containers/.
   */
  public static final String FRAMEWORK_INDEX = "dev/cluster/processor/images/framework-images.txt";

  private static final String FOLDER = "[a-z0-9]+(?:[._-][a-z0-9]+)*";
  private static final String TAG = "[a-f0-9]{8,64}";

  private ImageTagsFile() {}

  /**
   * The built images the file lists; an {@link IllegalArgumentException} names the file and line at
   * fault.
   */
  public static BuiltImages read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /**
   * The framework's own images, from {@link #FRAMEWORK_INDEX} beside this class in the processor's
   * jar.
   */
  public static BuiltImages framework() throws IOException {
    try (InputStream in =
        ImageTagsFile.class.getClassLoader().getResourceAsStream(FRAMEWORK_INDEX)) {
      if (in == null) {
        throw new IOException(
            "the processor's jar has no "
                + FRAMEWORK_INDEX
                + " (its Maven build writes it from"
                + " containers/ with the runtime's ImageTags; a processor built another way lacks it)");
      }
      return parse(
          FRAMEWORK_INDEX, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  private static BuiltImages parse(String source, List<String> lines) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2 || !parts[0].matches(FOLDER) || !parts[1].matches(TAG)) {
        throw new IllegalArgumentException(
            source
                + " line "
                + (i + 1)
                + ": expected \"FOLDER TAG\" (a lower-case folder"
                + " name and a hex content tag), got \""
                + line
                + "\"");
      }
      tags.put(parts[0], parts[1]);
    }
    return new BuiltImages(tags);
  }
}
