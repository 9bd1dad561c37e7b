package dev.cluster.runtime.local;

import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of a local cluster, built from the checkout's {@code containers/} with its {@code
 * build.sh} when podman lacks them: the machine, the AWS stand-in, the registry and the {@link
 * StandInImage}s, on the local Debian bases when those exist (made by the podman recipe; the
 * Containerfiles' pinned public bases otherwise).
 */
final class LocalImages {
  static final String MACHINE = "local-machine";
  static final String AWS = "local-aws";
  static final String REGISTRY = "local-registry";
  private static final List<String> LOCAL_BASES = List.of("bookworm", "trixie");

  /**
   * The local Debian bases, flattened for the team's images in the local registry (see {@link
   * #teamBaseOptions}).
   */
  static final String FLAT_BASE = "localhost/dev-cluster/local-flat-base";

  private static final Duration BUILD_BOUND = Duration.ofMinutes(30);

  private final Map<String, String> imageOfFolder;

  private LocalImages(Map<String, String> imageOfFolder) {
    this.imageOfFolder = Map.copyOf(imageOfFolder);
  }

  /** Each folder's image as build.sh names it, built where missing. */
  static LocalImages ensure(Podman podman, Path containers, Console console) {
    Path buildSh = containers.resolve("build.sh");
    if (!Files.isExecutable(buildSh)) {
      throw new UsageException(
          "no build.sh in "
              + containers
              + ": run from the checkout's root, or pass --containers DIR");
    }
    List<String> folders = new ArrayList<>(List.of(MACHINE, AWS, REGISTRY));
    StandInImage.ALL.forEach(image -> folders.add(image.folder()));
    Map<String, String> images = new LinkedHashMap<>();
    for (String line :
        ProcessRunner.run(List.of(buildSh.toString(), "--list"), BUILD_BOUND)
            .output()
            .split("\n")) {
      String[] folderImage = line.strip().split(" ");
      if (folderImage.length == 2 && folders.contains(folderImage[0])) {
        images.put(folderImage[0], "localhost/" + folderImage[1]);
      }
    }
    if (!images.keySet().containsAll(folders)) {
      throw new DeployException(buildSh + " --list names no image for some of " + folders);
    }
    List<String> missing =
        folders.stream().filter(folder -> !podman.imageExists(images.get(folder))).toList();
    if (!missing.isEmpty()) {
      console.info(
          "Building the local cluster's images "
              + missing
              + " with "
              + buildSh
              + " (once; minutes)");
      List<String> command = new ArrayList<>(List.of(buildSh.toString()));
      command.addAll(baseOptions(podman));
      command.addAll(missing);
      ProcessRunner.Result built = ProcessRunner.run(command, BUILD_BOUND);
      if (!built.ok()) {
        throw new DeployException("building " + missing + " failed:\n" + built.all().strip());
      }
    }
    return new LocalImages(images);
  }

  /** build.sh's options for the local Debian bases podman has (made by the podman recipe). */
  static List<String> baseOptions(Podman podman) {
    List<String> options = new ArrayList<>();
    for (String suite : LOCAL_BASES) {
      if (podman.imageExists("localhost/debian-base:" + suite)) {
        options.addAll(List.of("--base-" + suite, "localhost/debian-base:" + suite));
      }
    }
    return options;
  }

  /**
   * build.sh's options for the team's images that {@code local up} pushes into the local registry:
   * each local Debian base flattened into {@value #FLAT_BASE}{@code :SUITE} (made once). The
   * debootstrap bases' layer records "/" as private (0700), which the machines' docker (vfs)
   * applies, so that a container running as any other user than root cannot even exec its entry
   * point; a layer imported from the base's exported files has no entry for "/", which docker then
   * makes 0755, as with the public Debian images on AWS.
   */
  static List<String> teamBaseOptions(Podman podman, LocalNames names) {
    Path work = names.stateDirectory().resolve("bases");
    List<String> options = new ArrayList<>();
    for (String suite : LOCAL_BASES) {
      String base = "localhost/debian-base:" + suite;
      if (!podman.imageExists(base)) {
        continue;
      }
      String flat = FLAT_BASE + ":" + suite;
      if (!podman.imageExists(flat)) {
        flatten(podman, base, flat, names, work);
      }
      options.addAll(List.of("--base-" + suite, flat));
    }
    return options;
  }

  private static void flatten(
      Podman podman, String base, String flat, LocalNames names, Path work) {
    String container = names.prefix() + "flatten-base";
    Path files = work.resolve("base-files.tar");
    try {
      Files.createDirectories(work);
      podman.check("create", "--name", container, "--label", names.label(), base, "/bin/true");
      podman.check("export", "-o", files.toString(), container);
      podman.check("import", "--change", "CMD [\"/bin/bash\"]", files.toString(), flat);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      podman.run("rm", "-f", container);
      files.toFile().delete();
    }
  }

  String image(String folder) {
    return imageOfFolder.get(folder);
  }
}
