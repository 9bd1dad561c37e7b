package dev.cluster.runtime.deploy.images;

import dev.cluster.runtime.deploy.RuntimeVersion;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.images.Zips;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Maven-built apps the framework's images copy (file drop's jar and libraries, the front door's
 * guard...), for the framework's sources shipped in a jar, which hold no Maven project to build
 * them: each app module, as {@code containers/build.sh --maven-modules} names it, is laid where
 * build.sh looks for it ({@code containers/MODULE/target/MODULE.jar} and {@code target/lib/}) from
 * the module's image artifact, {@code dev.cluster:MODULE:zip:image:VERSION}, found in the first
 * repository that holds it. The version is the runtime's own: the framework's apps, processor and
 * container sources are released together.
 */
record AppArtifacts(List<MavenRepository> repositories, String version, Console console) {
  static final String GROUP = "dev.cluster";
  static final String EXTENSION = "zip";
  static final String CLASSIFIER = "image";

  /** The repositories {@code --maven-repo} names, in order, else the user's local one. */
  static AppArtifacts from(Request request) {
    List<MavenRepository> given =
        request.invocation().values(Option.MAVEN_REPO).stream().map(MavenRepository::of).toList();
    return new AppArtifacts(
        given.isEmpty() ? List.of(MavenRepository.userLocal()) : given,
        RuntimeVersion.version(),
        request.console());
  }

  /**
   * The user's local repository only: for callers with no command line of their own (the local
   * cluster).
   */
  static AppArtifacts userLocal(Console console) {
    return new AppArtifacts(
        List.of(MavenRepository.userLocal()), RuntimeVersion.version(), console);
  }

  /**
   * Lays the app modules the image built from {@code folder} copies, unless a build already laid
   * them there.
   */
  void layFor(Path folder) {
    Path containers = folder.getParent();
    String image = folder.getFileName().toString();
    for (String module : modules(containers, image)) {
      Path target = containers.resolve(module).resolve("target");
      if (Files.isRegularFile(target.resolve(module + ".jar"))) {
        continue;
      }
      MavenArtifact artifact = new MavenArtifact(GROUP, module, version, EXTENSION, CLASSIFIER);
      lay(image, artifact, target);
    }
  }

  private void lay(String image, MavenArtifact artifact, Path target) {
    for (MavenRepository repository : repositories) {
      Optional<byte[]> zip = repository.fetch(artifact);
      if (zip.isPresent()) {
        console.info("laying " + artifact + " from " + repository + " into " + target);
        try {
          Zips.unzip(new ByteArrayInputStream(zip.get()), target);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot unpack " + artifact + " from " + repository + " into " + target, e);
        }
        if (!Files.isRegularFile(target.resolve(artifact.artifactId() + ".jar"))) {
          throw new DeployException(
              artifact
                  + " in "
                  + repository
                  + " holds no "
                  + artifact.artifactId()
                  + ".jar: it is not an app's image artifact");
        }
        return;
      }
    }
    throw new DeployException(
        "the image "
            + image
            + " copies the app "
            + artifact.artifactId()
            + ", built by Maven: its image"
            + " artifact "
            + artifact
            + " is in none of the Maven repositories looked in ("
            + repositories.stream().map(MavenRepository::toString).collect(Collectors.joining(", "))
            + "). Fetch it into"
            + " ~/.m2/repository (mvn dependency:get -Dartifact="
            + artifact
            + ", which finds a release on Maven Central),"
            + " or name a repository that holds it with --maven-repo DIR|URL (e.g. https://repo.maven.apache.org/maven2),"
            + " or build the image in the framework's checkout at version "
            + version
            + ": images build --containers"
            + " CHECKOUT/containers "
            + image);
  }

  /** The app modules the image copies, as build.sh lists them. */
  private static List<String> modules(Path containers, String image) {
    List<String> command =
        List.of(containers.resolve("build.sh").toString(), "--maven-modules", image);
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new DeployException(
            String.join(" ", command) + " failed (exit " + exit + "; its messages are above)");
      }
      List<String> modules = new ArrayList<>();
      out.lines()
          .map(line -> line.strip().split("\\s+"))
          .filter(row -> row.length == 2 && row[0].equals(image))
          .forEach(row -> modules.add(row[1]));
      return modules;
    } catch (IOException e) {
      throw new DeployException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while asking build.sh what " + image + " copies", e);
    }
  }
}
