package dev.cluster.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests' one way to images and containers: builds an image from its folder with {@code
 * build.sh} on the local Debian bases, runs containers on the host's network (every test port is on
 * 127.0.0.1), and removes them. Fails, never skips, when podman is missing.
 */
final class Podman {
  private Podman() {}

  static final Path CONTAINERS =
      Path.of(System.getProperty("containers.dir", ".")).toAbsolutePath().normalize();
  private static final Path SETUP = CONTAINERS.resolveSibling("scripts").resolve("podman-setup.sh");
  private static final Map<String, String> BUILT = new ConcurrentHashMap<>();
  private static volatile List<String> bases;

  /**
   * The local Debian base images (bookworm, trixie), made once per machine by
   * scripts/podman-setup.sh.
   */
  static synchronized List<String> bases() {
    if (bases == null) {
      // Installs podman if missing, writes its settings and makes the bases: a fresh machine pays
      // ~2 min once.
      Command.Result setup = Command.run(Duration.ofMinutes(15), List.of(SETUP.toString()));
      if (!setup.ok()
          || !Command.run(Duration.ofSeconds(30), List.of("podman", "--version")).ok()) {
        throw new AssertionError(
            "podman is not usable here: install it with scripts/test-deps.sh (as root).\n"
                + setup.describe());
      }
      bases = setup.out().lines().toList();
    }
    return bases;
  }

  /** Builds the image of {@code containers/<folder>} once per test run and returns its name. */
  static String image(String folder) {
    return BUILT.computeIfAbsent(folder, Podman::build);
  }

  private static String build(String folder) {
    return build(folder, List.of("--tag-prefix", imagePrefix()));
  }

  private static String build(String folder, List<String> options) {
    List<String> bases = bases();
    List<String> command =
        new ArrayList<>(
            List.of(
                CONTAINERS.resolve("build.sh").toString(),
                "--base-bookworm",
                bases.get(0),
                "--base-trixie",
                bases.get(1)));
    command.addAll(options);
    command.add(folder);
    Command.Result result = Command.run(Duration.ofMinutes(15), command).orFail();
    List<String> names = result.out().lines().toList();
    if (names.size() != 1) {
      throw new AssertionError(
          "build.sh built " + names + " for " + folder + "\n" + result.describe());
    }
    return names.get(0);
  }

  /**
   * Builds the image of {@code containers/<folder>}, one whose base is an upstream image that
   * cannot be had here, on {@code standIn} instead (build.sh's {@code --upstream-base}), once per
   * test run, and returns its name: the image's name with {@code stand-in-base-} before it, among
   * the test images, so it is never taken for the real one.
   */
  static String imageOnStandIn(String folder, String standIn) {
    return BUILT.computeIfAbsent(
        folder + " on " + standIn,
        key ->
            build(
                folder,
                List.of(
                    "--upstream-base",
                    folder + "=" + standIn,
                    "--tag-prefix",
                    testImagePrefix() + "stand-in-base-")));
  }

  /**
   * Builds an image folder that build.sh does not list (the archetype's example app) on the local
   * bookworm base, as {@code name}, and returns the name.
   */
  static String imageOf(Path folder, String name) {
    return buildFolder(folder, name, bases().get(0));
  }

  /**
   * Builds a test-only image from {@code containers/src/test/resources/<folder>} (a Containerfile
   * taking {@code BASE}) on the local trixie base, once per test run, and returns its name.
   */
  static String testImage(String folder) {
    return BUILT.computeIfAbsent(
        "src/test/resources/" + folder,
        key -> buildFolder(CONTAINERS.resolve(key), testImageName(folder), bases().get(1)));
  }

  /**
   * {@code localhost/dev-cluster-test/<folder>:latest}, or under {@code podman.image-prefix} with
   * {@code -test}.
   */
  private static String testImageName(String folder) {
    return "localhost/" + testImagePrefix() + folder + ":latest";
  }

  private static String testImagePrefix() {
    return imagePrefix().replaceAll("/$", "") + "-test/";
  }

  /**
   * What the names of the images the tests build start with: build.sh's {@code dev-cluster/}, or
   * the system property {@code podman.image-prefix} where several checkouts build different
   * versions of one image on one machine.
   */
  private static String imagePrefix() {
    return System.getProperty("podman.image-prefix", "dev-cluster/");
  }

  private static String buildFolder(Path folder, String name, String base) {
    // as build.sh builds: the docker format keeps the HEALTHCHECK, which OCI images have no place
    // for
    Command.run(
            Duration.ofMinutes(15),
            podman(
                "build",
                "-q",
                "--network",
                "host",
                "--format",
                "docker",
                "--build-arg",
                "BASE=" + base,
                "-t",
                name,
                folder.toString()))
        .orFail();
    return name;
  }

  /**
   * What the names of the tests' containers (and networks) start with: {@code images-test-}, or the
   * system property {@code podman.prefix} where several checkouts test on one machine.
   */
  static String namePrefix() {
    return System.getProperty("podman.prefix", "images-test-");
  }

  /**
   * Runs a container in the background; close it (try-with-resources) to remove it, even on
   * failure.
   */
  static Container run(String image, List<String> options, String... args) {
    return runOn("host", image, options, args);
  }

  /** {@link #run} on {@code network} instead of the host's. */
  static Container runOn(String network, String image, List<String> options, String... args) {
    String name = namePrefix() + UUID.randomUUID().toString().substring(0, 8);
    List<String> command =
        new ArrayList<>(List.of("podman", "run", "-d", "--name", name, "--network", network));
    command.addAll(options);
    command.add(image);
    command.addAll(List.of(args));
    Container container = new Container(name);
    Command.Result result = Command.run(Duration.ofMinutes(2), command);
    if (!result.ok()) {
      container.close();
      throw new AssertionError(result.describe());
    }
    return container;
  }

  /** Runs a container to its end and returns what it did. */
  static Command.Result runOnce(String image, List<String> options, String... args) {
    return runOnceOn("host", image, options, args);
  }

  /** {@link #runOnce} on {@code network} instead of the host's. */
  static Command.Result runOnceOn(
      String network, String image, List<String> options, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "podman",
                "run",
                "--rm",
                "--name",
                namePrefix() + UUID.randomUUID().toString().substring(0, 8),
                "--network",
                network));
    command.addAll(options);
    command.add(image);
    command.addAll(List.of(args));
    return Command.run(Duration.ofMinutes(2), command);
  }

  static List<String> podman(String... args) {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * A running container, removed with its anonymous volumes (an image's VOLUME) by {@link
   * #close()}.
   */
  record Container(String name) implements AutoCloseable {
    Command.Result exec(String... command) {
      return exec(List.of(), command);
    }

    Command.Result exec(List<String> options, String... command) {
      List<String> full = new ArrayList<>(List.of("podman", "exec"));
      full.addAll(options);
      full.add(name);
      full.addAll(List.of(command));
      return Command.run(Duration.ofMinutes(3), full);
    }

    /** Runs the image's HEALTHCHECK now: true when it passed. */
    boolean healthy() {
      return Command.run(Duration.ofSeconds(60), podman("healthcheck", "run", name)).ok();
    }

    void awaitHealthy(Duration limit) {
      Wait.until(limit, name + " passes its HEALTHCHECK", this::healthy, this::logs);
    }

    void awaitPort(int port, Duration limit) {
      Wait.until(
          limit, name + " listens on 127.0.0.1:" + port, () -> Wait.portOpen(port), this::logs);
    }

    boolean running() {
      return Command.run(
              Duration.ofSeconds(30), podman("inspect", "-f", "{{.State.Running}}", name))
          .out()
          .strip()
          .equals("true");
    }

    boolean exists() {
      return Command.run(Duration.ofSeconds(30), podman("container", "exists", name)).ok();
    }

    String logs() {
      Command.Result logs =
          Command.run(Duration.ofSeconds(30), podman("logs", "--tail", "60", name));
      return "--- last logs of " + name + "\n" + logs.out() + logs.err();
    }

    /** The container's whole log (stdout, then stderr) to {@code file}. */
    void saveLogs(Path file) throws IOException {
      Command.Result logs = Command.run(Duration.ofMinutes(1), podman("logs", name));
      Files.writeString(file, logs.out() + logs.err());
    }

    @Override
    public void close() {
      Command.run(Duration.ofMinutes(1), podman("rm", "-f", "-v", "-t", "0", name));
    }
  }
}
