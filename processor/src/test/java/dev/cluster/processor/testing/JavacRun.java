package dev.cluster.processor.testing;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac on real directories, as Maven runs it: sources written to disk, classes and generated files
 * in an output directory, the processor found on the class path through its service file. For what
 * compile-testing's in-memory file manager cannot show: which files a failed build left behind, and
 * builds that recompile part of a cluster against the classes of an earlier one.
 */
public final class JavacRun {
  public record Result(boolean success, String diagnostics, Path output) {
    public List<String> writtenFiles() {
      try (Stream<Path> files = Files.walk(output)) {
        return files
            .filter(Files::isRegularFile)
            .map(p -> output.relativize(p).toString())
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String read(String path) {
      try {
        return Files.readString(output.resolve(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private JavacRun() {}

  /** Compiles {@code sources} into {@code output}, with {@code output} itself on the class path. */
  public static Result compile(List<JavaFileObject> sources, Path sourceDir, Path output) {
    return compile(sources, sourceDir, output, manager -> manager);
  }

  /** As {@link #compile(List, Path, Path)}, with javac's file manager seen through {@code view}. */
  public static Result compile(
      List<JavaFileObject> sources,
      Path sourceDir,
      Path output,
      Function<StandardJavaFileManager, JavaFileManager> view) {
    try {
      Files.createDirectories(output);
      List<File> files = new ArrayList<>();
      for (JavaFileObject source : sources) {
        String name = source.getName().replaceFirst("^/", "");
        Path file = sourceDir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getCharContent(true), StandardCharsets.UTF_8);
        files.add(file.toFile());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      StringWriter diagnostics = new StringWriter();
      try (StandardJavaFileManager manager =
          javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
        String classPath = output + File.pathSeparator + System.getProperty("java.class.path");
        boolean ok =
            javac
                .getTask(
                    diagnostics,
                    view.apply(manager),
                    null,
                    List.of("-d", output.toString(), "-classpath", classPath, "-implicit:none"),
                    null,
                    manager.getJavaFileObjectsFromFiles(files))
                .call();
        return new Result(ok, diagnostics.toString(), output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
