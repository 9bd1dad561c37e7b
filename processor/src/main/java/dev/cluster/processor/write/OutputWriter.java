package dev.cluster.processor.write;

import com.palantir.javapoet.JavaFile;
import dev.cluster.processor.generate.GeneratedFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.StandardLocation;

/**
 * Where one compilation's outputs go. The generated source always goes through the {@link Filer},
 * since javac must compile it. The many other files go straight into the class output when it is a
 * directory on disk (javac's own file manager, so Maven and the command line), past the Filer's
 * check of each new file against every earlier one, which is quadratic; otherwise (an in-memory
 * file manager, as compile-testing's) through the Filer as well. One per compilation, so that a
 * path written twice fails as it would in the Filer.
 */
public final class OutputWriter {
  /**
   * A name under the class output that is never a directory (javac refuses to give a directory, as
   * {@code cluster} is after a first build) and never written: the Filer gives its location without
   * creating it.
   */
  private static final String PROBE = "cluster/.class-output";

  private final FilerWriter filer;
  private final Optional<DirectoryWriter> directory;

  private OutputWriter(FilerWriter filer, Optional<DirectoryWriter> directory) {
    this.filer = filer;
    this.directory = directory;
  }

  public static OutputWriter of(Filer filer) {
    return new OutputWriter(
        new FilerWriter(filer), classOutputDirectory(filer).map(DirectoryWriter::new));
  }

  /**
   * Writes a generated Java source through the Filer, attributed to the elements it was generated
   * from.
   */
  public void write(JavaFile source, List<? extends Element> originatingElements)
      throws IOException {
    filer.write(source, originatingElements);
  }

  /** Writes files into the class output, so that they end up in the jar. */
  public void write(List<GeneratedFile> files, List<? extends Element> originatingElements)
      throws IOException {
    if (directory.isPresent()) {
      directory.get().write(files);
    } else {
      filer.write(files, originatingElements);
    }
  }

  /**
   * The class output as a directory on disk, asked of the Filer once; empty when it is anything
   * else.
   */
  private static Optional<Path> classOutputDirectory(Filer filer) {
    try {
      URI probe = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PROBE).toUri();
      if (!"file".equals(probe.getScheme())) {
        return Optional.empty();
      }
      Path path = Path.of(probe);
      Path directory = path.getParent() == null ? null : path.getParent().getParent();
      return directory != null && directory.resolve(PROBE).equals(path)
          ? Optional.of(directory)
          : Optional.empty();
    } catch (IOException
        | IllegalArgumentException
        | FileSystemNotFoundException
        | UnsupportedOperationException e) {
      // A Filer that cannot say where its class output is writes the files itself.
      return Optional.empty();
    }
  }
}
