package dev.cluster.processor.read;

import dev.cluster.processor.model.BuiltImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code FOLDER TAG} lines the runtime's {@code ImageTags} writes for {@code containers/}: the
 * processor only reads tags, it never computes them, so the units and {@code images push} agree by
 * construction.
 */
public final class ImageTagsFile {
  private static final String FOLDER = "[a-z0-9]+(?:[._-][a-z0-9]+)*";
  private static final String TAG = "[a-f0-9]{8,64}";

  private ImageTagsFile() {}

  /** The built images the file lists; an {@link IllegalArgumentException} names the file and line at fault. */
  public static BuiltImages read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2 || !parts[0].matches(FOLDER) || !parts[1].matches(TAG)) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected \"FOLDER TAG\" (a lower-case folder"
            + " name and a hex content tag), got \"" + line + "\"");
      }
      tags.put(parts[0], parts[1]);
    }
    return new BuiltImages(tags);
  }
}
