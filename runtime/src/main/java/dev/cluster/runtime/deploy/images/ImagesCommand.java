package dev.cluster.runtime.deploy.images;

import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import dev.cluster.runtime.images.ContainerSources;
import dev.cluster.runtime.images.ImageContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * {@code images build} and {@code images push}: the images the cluster's units run that are built
 * from {@code containers/} folders, each by {@code containers/build.sh}, then tagged with the
 * content tag the units name. The sources are the framework's, shipped in the jar ({@link
 * ContainerSources}, unpacked into a temporary folder removed afterwards), or a checkout's {@code
 * --containers DIR}. A folder whose content is not what the jar's units name is refused before
 * anything is built: its image would not be the one the units run. An image of the shipped sources
 * that copies an app built by Maven gets it from the app's image artifact in a Maven repository
 * ({@link AppArtifacts}), also before anything is built.
 */
public final class ImagesCommand {
  public record Row(String image, String name, String status) {}

  public record ImagesReport(List<Row> images) implements Report {
    @Override
    public String text() {
      Table table = new Table("IMAGE", "NAME", "STATUS");
      images.forEach(row -> table.row(row.image(), row.name(), row.status()));
      return table.render();
    }
  }

  private ImagesCommand() {}

  public static int build(Request request) {
    List<ManifestImage> images = selected(request);
    List<String> bases = bases(request);
    try (Sources sources =
        Sources.of(
            request.invocation().value(Option.CONTAINERS),
            request.console(),
            AppArtifacts.from(request))) {
      images.forEach(sources::prepare);
      ContainerEngine engine = ContainerEngine.detect(ContainerEngine.systemPath());
      List<Row> rows = new ArrayList<>();
      for (ManifestImage image : images) {
        buildOne(request.console(), engine, sources.folderOf(image), bases, image);
        rows.add(new Row(image.folder(), image.localName(), "built"));
      }
      request.console().result(new ImagesReport(rows));
      return ExitCode.OK;
    }
  }

  public static int push(Request request) {
    List<ManifestImage> images = selected(request);
    try (Sources sources =
        Sources.of(
            request.invocation().value(Option.CONTAINERS),
            request.console(),
            AppArtifacts.from(request))) {
      images.forEach(sources::folderOf);
      try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
        request
            .console()
            .result(
                new ImagesReport(push(request.console(), aws.ecr(), images, sources, List.of())));
        return ExitCode.OK;
      }
    }
  }

  /**
   * What {@code images push} does, for a caller with its own ECR client (the local cluster's):
   * builds each image the registry lacks from {@code containers} (else {@code ./containers}) or the
   * jar's sources, on the Debian bases build.sh's {@code bases} options name, and pushes it.
   */
  public static List<Row> push(
      Console console,
      EcrClient ecr,
      List<ManifestImage> images,
      Optional<String> containers,
      List<String> bases) {
    try (Sources sources = Sources.of(containers, console, AppArtifacts.userLocal(console))) {
      images.forEach(sources::folderOf);
      return push(console, ecr, images, sources, bases);
    }
  }

  private static List<Row> push(
      Console console,
      EcrClient ecr,
      List<ManifestImage> images,
      Sources sources,
      List<String> bases) {
    EcrRegistry registry = EcrRegistry.authorize(ecr);
    List<ManifestImage> missing =
        images.stream().filter(image -> !EcrRegistry.holds(ecr, image)).toList();
    List<Row> rows = new ArrayList<>();
    if (missing.isEmpty()) {
      images.forEach(
          image ->
              rows.add(
                  new Row(image.folder(), image.in(registry.host()), "already in the registry")));
      return rows;
    }
    missing.forEach(sources::prepare);
    ContainerEngine engine = ContainerEngine.detect(ContainerEngine.systemPath());
    missing.forEach(image -> buildOne(console, engine, sources.folderOf(image), bases, image));
    Path credentials;
    try {
      credentials = Files.createTempDirectory("images-push-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a directory for the registry's credentials", e);
    }
    try {
      engine.login(
          registry.host(), registry.user(), registry.password(), credentials, registry.plainHttp());
      for (ManifestImage image : images) {
        String remote = image.in(registry.host());
        if (missing.contains(image)) {
          engine.tag(image.localName(), remote);
          console.info("pushing " + remote);
          engine.push(remote, credentials, registry.plainHttp());
        }
        rows.add(
            new Row(
                image.folder(),
                remote,
                missing.contains(image) ? "pushed" : "already in the registry"));
      }
    } finally {
      deleteTree(credentials);
    }
    return rows;
  }

  private static List<ManifestImage> selected(Request request) {
    return ImageManifest.select(
        ImageManifest.read(request.cluster()), request.invocation().operands());
  }

  /** build.sh's options for the Debian bases {@code images build} was given. */
  private static List<String> bases(Request request) {
    List<String> args = new ArrayList<>();
    request
        .invocation()
        .value(Option.BASE_BOOKWORM)
        .ifPresent(base -> args.addAll(List.of("--base-bookworm", base)));
    request
        .invocation()
        .value(Option.BASE_TRIXIE)
        .ifPresent(base -> args.addAll(List.of("--base-trixie", base)));
    return args;
  }

  /**
   * Where the images' sources are: the team's own {@code containers/} ({@code --containers DIR},
   * else {@code ./containers} when there is one), then the framework's, shipped in the jar and
   * unpacked into a temporary folder that {@link #close()} removes. An image is built from the
   * first of them whose folder has the content tag the jar's units run: a new cluster's own images
   * from its project, the framework's from the jar, and, in the framework's checkout, all from the
   * checkout.
   */
  private record Sources(Optional<Path> team, Path shipped, Path unpacked, AppArtifacts apps)
      implements AutoCloseable {
    static Sources of(Optional<String> given, Console console, AppArtifacts apps) {
      Optional<Path> team =
          given
              .map(
                  name -> {
                    Path containers = Path.of(name).toAbsolutePath().normalize();
                    if (!Files.isDirectory(containers)) {
                      throw new UsageException(
                          "no folder "
                              + containers
                              + ": --containers names a folder of image folders");
                    }
                    return containers;
                  })
              .or(
                  () ->
                      Optional.of(Path.of("containers").toAbsolutePath())
                          .filter(Files::isDirectory));
      Path dir;
      try {
        dir = Files.createTempDirectory("dev-cluster-containers-");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot make a folder to unpack the jar's container sources in", e);
      }
      console.info("unpacking the framework's container sources shipped in the jar into " + dir);
      try {
        Path shipped = ContainerSources.unpackShipped(dir);
        ContainerSources.layAgentsLibraries(shipped);
        return new Sources(team, shipped, dir, apps);
      } catch (RuntimeException e) {
        deleteTree(dir);
        throw e;
      }
    }

    /**
     * The folder to build the image from, with the Maven-built apps it copies laid when it is the
     * shipped sources' (a checkout's build.sh builds them with Maven); refuses one whose content is
     * not what the jar's units run.
     */
    Path prepare(ManifestImage image) {
      Path folder = folderOf(image);
      if (folder.startsWith(shipped)) {
        apps.layFor(folder);
      }
      return folder;
    }

    /**
     * The folder to build the image from; refuses one whose content is not what the jar's units
     * run.
     */
    Path folderOf(ManifestImage image) {
      List<String> found = new ArrayList<>();
      for (Path root : team.isPresent() ? List.of(team.get(), shipped) : List.of(shipped)) {
        Path folder = root.resolve(image.folder());
        if (!Files.isDirectory(folder)) {
          continue;
        }
        String tag = ImageContent.tag(folder);
        if (tag.equals(image.tag())) {
          return folder;
        }
        found.add(
            root == shipped
                ? "the framework's sources shipped in this jar give it "
                    + tag
                    + " (the cluster was compiled with a processor of another framework version than the runtime in its jar)"
                : folder
                    + " gives it "
                    + tag
                    + " (it changed since this jar was built: rebuild the jar with mvn package"
                    + " to deploy the change, or check out the commit the jar was built from)");
      }
      if (found.isEmpty()) {
        throw new DeployException(
            "no folder "
                + image.folder()
                + " in "
                + team.map(t -> t + " nor in ").orElse("")
                + "the framework's sources shipped in this jar: a team's own image is built from its project's"
                + " containers/ folder (run from the project's root, or pass --containers DIR)");
      }
      throw new DeployException(
          "the units of this jar run "
              + image.folder()
              + ":"
              + image.tag()
              + ", but "
              + String.join("; and ", found));
    }

    @Override
    public void close() {
      deleteTree(unpacked);
    }
  }

  /**
   * Builds the image from {@code folder}: with its {@code build.sh} (the framework's images, which
   * know their bases and what they copy), else (a team's own image) with the engine from its
   * Containerfile, the Debian base given as {@code BASE}; then the content tag on what was built.
   */
  private static void buildOne(
      Console console,
      ContainerEngine engine,
      Path folder,
      List<String> bases,
      ManifestImage image) {
    Path containers = folder.getParent();
    if (!Files.isExecutable(containers.resolve("build.sh"))) {
      console.info("building " + image.folder() + " with " + engine.name() + " from " + folder);
      engine.build(
          folder,
          image.localName(),
          bases.contains("--base-bookworm")
              ? Map.of("BASE", bases.get(bases.indexOf("--base-bookworm") + 1))
              : Map.of());
      return;
    }
    String prefix =
        image.repository().substring(0, image.repository().length() - image.folder().length());
    List<String> command =
        new ArrayList<>(List.of(containers.resolve("build.sh").toString(), "--tag-prefix", prefix));
    command.addAll(bases);
    command.add(image.folder());
    console.info(
        "building " + image.folder() + " with " + engine.name() + " (containers/build.sh)");
    List<String> built;
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      process.getOutputStream().close();
      built =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(line -> !line.isBlank())
              .toList();
      int exit = process.waitFor();
      if (exit != 0) {
        throw new DeployException(
            "containers/build.sh failed building "
                + image.folder()
                + " (exit "
                + exit
                + "; its messages are above)");
      }
    } catch (IOException e) {
      throw new DeployException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while building " + image.folder(), e);
    }
    if (built.isEmpty()) {
      throw new DeployException(
          "containers/build.sh built no image for "
              + image.folder()
              + " (an image FROM an upstream base is skipped when no registry here has the base; its message is above)");
    }
    engine.tag(built.get(built.size() - 1), image.localName());
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
