package dev.cluster.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cluster.runtime.deploy.fleet.FleetClient;
import dev.cluster.runtime.deploy.fleet.FleetMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real fleet cluster: fleetd 1.0.0 (built by runtime/scripts/fleet-build.sh from fleet's source)
 * and an etcd 3.4 member with the v2 API on each of N machines, podman containers running systemd
 * as PID 1 on a podman network of their own, built from runtime/src/test/fleet-machine/. Machine i
 * gets the i-th fleet metadata given ({@code group=main,role=main}), so units with {@code
 * MachineMetadata=} are scheduled as on the cluster. fleet's API and etcd's client port of machine
 * 1 are published on 127.0.0.1 at ports podman picks. Every container and the network carry a
 * random name ({@code rf-<hex>-<i>}), so parallel runs and other people's containers never collide,
 * and are removed after the test class, after a failed start, and when the JVM exits early.
 *
 * <pre>
 * {@code @RegisterExtension static final RealFleet FLEET = new RealFleet("group=main", "group=main", "group=edge");}
 * </pre>
 *
 * The machines run no container engine: a unit's {@code docker run} fails there.
 */
public final class RealFleet implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private static final Duration PODMAN = Duration.ofMinutes(2);
  private static final Duration BUILD = Duration.ofMinutes(15);

  /**
   * Three systemd machines booting etcd and fleetd on a loaded 2-core machine; measured 10-60 s.
   */
  private static final Duration UP_WITHIN = Duration.ofMinutes(5);

  private static final String IMAGE = "localhost/dev-cluster-test/fleet-machine";

  private final List<String> metadata;
  private final String prefix;
  private final List<String> started = new ArrayList<>();
  private boolean network;
  private URI api;
  private URI etcd;
  private Thread cleanupAtExit;

  /** One machine per metadata string (fleet's {@code key=value,key=value}). */
  public RealFleet(String... metadata) {
    if (metadata.length == 0) {
      throw new IllegalArgumentException("a fleet needs at least one machine");
    }
    this.metadata = List.of(metadata);
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    this.prefix = "rf-" + HexFormat.of().formatHex(random);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * Builds the image when its inputs changed, starts the machines and waits until fleet lists every
   * one.
   */
  public void start() {
    String image = image();
    cleanupAtExit = new Thread(this::remove, prefix + "-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupAtExit);
    try {
      Podman.check(PODMAN, "network", "create", "--label", "dev-cluster-test=real-fleet", prefix);
      network = true;
      String members =
          names().stream()
              .map(name -> name + "=http://" + name + ":2380")
              .collect(Collectors.joining(","));
      for (int i = 1; i <= metadata.size(); i++) {
        List<String> run =
            new ArrayList<>(
                List.of(
                    "run",
                    "-d",
                    "--name",
                    machine(i),
                    "--hostname",
                    machine(i),
                    "--network",
                    prefix,
                    "--systemd=always",
                    "--label",
                    "dev-cluster-test=real-fleet"));
        if (i == 1) {
          run.addAll(List.of("-p", "127.0.0.1::49153", "-p", "127.0.0.1::2379"));
        }
        run.addAll(
            List.of(
                "-e",
                "ETCD_INITIAL_CLUSTER=" + members,
                "-e",
                "ETCD_INITIAL_CLUSTER_TOKEN=" + prefix,
                "-e",
                "FLEET_METADATA=" + metadata.get(i - 1),
                image));
        started.add(machine(i));
        Podman.check(PODMAN, run.toArray(String[]::new));
      }
      api = published(49153);
      etcd = published(2379);
      FleetClient client = new FleetClient(api);
      if (Eventually.within(UP_WITHIN, () -> client.machines().size() == metadata.size()) == null) {
        fail(
            "fleet did not list "
                + metadata.size()
                + " machines within "
                + UP_WITHIN.toSeconds()
                + " s:\n"
                + diagnostics());
      }
    } catch (RuntimeException | AssertionError e) {
      close();
      throw e;
    }
  }

  /** fleet's API ({@code --fleet-url}), on 127.0.0.1. */
  public URI api() {
    return api;
  }

  /** etcd's client URL of machine 1 ({@code --etcd-url}: its v3 API), on 127.0.0.1. */
  public URI etcd() {
    return etcd;
  }

  /** The machines' container names, machine 1 first. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= metadata.size(); i++) {
      names.add(machine(i));
    }
    return names;
  }

  /**
   * fleet's machines by the metadata each was given, e.g. the ids of those with {@code group=main}.
   */
  public List<String> machineIds(String key, String value) {
    return new FleetClient(api)
        .machines().stream()
            .filter(machine -> value.equals(machine.metadata().get(key)))
            .map(FleetMachine::id)
            .toList();
  }

  /** Runs a command on machine {@code i} (1-based), e.g. {@code systemctl is-active UNIT}. */
  public Podman.Result exec(int i, String... command) {
    List<String> args = new ArrayList<>(List.of("exec", machine(i)));
    args.addAll(List.of(command));
    return Podman.run(PODMAN, args.toArray(String[]::new));
  }

  /**
   * What each machine's etcd and fleetd logged last, and its failed units: for a failing test's
   * message.
   */
  public String diagnostics() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= started.size(); i++) {
      text.append("=== ")
          .append(machine(i))
          .append('\n')
          .append(exec(i, "systemctl", "--no-pager", "--failed").out())
          .append(
              exec(i, "journalctl", "--no-pager", "-n", "40", "-u", "etcd", "-u", "fleet").out());
    }
    return text.toString();
  }

  @Override
  public void close() {
    remove();
    if (cleanupAtExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
      } catch (IllegalStateException exiting) {
        // the hook runs now
      }
      cleanupAtExit = null;
    }
  }

  private synchronized void remove() {
    for (String name : started) {
      Podman.run(PODMAN, "rm", "-f", "-t", "2", name);
    }
    started.clear();
    if (network) {
      Podman.run(PODMAN, "network", "rm", "-f", prefix);
      network = false;
    }
  }

  private String machine(int i) {
    return prefix + "-" + i;
  }

  /** machine 1's port as podman published it on 127.0.0.1 */
  private URI published(int port) {
    String mapping = Podman.check(PODMAN, "port", machine(1), port + "/tcp").strip();
    if (!mapping.startsWith("127.0.0.1:")) {
      fail(
          "podman published port "
              + port
              + " of "
              + machine(1)
              + " as '"
              + mapping
              + "', not on 127.0.0.1");
    }
    return URI.create("http://" + mapping);
  }

  /**
   * The machine image, tagged by the SHA-256 of its folder and of the fleet binaries: built only
   * when one of them changed (about a minute once the base image exists), else reused.
   */
  private static String image() {
    Path context = Podman.checkout().resolve("runtime/src/test/fleet-machine");
    Path binaries = fleetBinaries();
    String base = Podman.baseImage("bookworm");
    if (!base.equals("localhost/debian-base:bookworm")) {
      fail(
          "fleet-machine/Containerfile builds FROM localhost/debian-base:bookworm, podman-setup.sh made "
              + base);
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      List<Path> inputs;
      try (Stream<Path> files = Files.walk(context)) {
        inputs = new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
      }
      for (Path file : inputs) {
        digest.update(
            context.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(file));
      }
      digest.update(Files.readAllBytes(binaries.resolve("fleetd")));
      digest.update(Files.readAllBytes(binaries.resolve("fleetctl")));
      String tag = IMAGE + ":" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
      if (Podman.run(PODMAN, "image", "exists", tag).ok()) {
        return tag;
      }
      Path build = Files.createTempDirectory("fleet-machine");
      try {
        for (Path file : inputs) {
          Path copy = build.resolve(context.relativize(file).toString());
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy);
        }
        Files.createDirectories(build.resolve("bin"));
        Files.copy(binaries.resolve("fleetd"), build.resolve("bin/fleetd"));
        Files.copy(binaries.resolve("fleetctl"), build.resolve("bin/fleetctl"));
        Podman.check(
            BUILD,
            "build",
            "-q",
            "-t",
            tag,
            "-f",
            build.resolve("Containerfile").toString(),
            build.toString());
      } finally {
        try (Stream<Path> files = Files.walk(build)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
      return tag;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * fleetd and fleetctl 1.0.0, built once by runtime/scripts/fleet-build.sh (it needs golang-go and
   * fleet's source).
   */
  private static Path fleetBinaries() {
    Path script = Podman.checkout().resolve("runtime/scripts/fleet-build.sh");
    Podman.Result build = Podman.command(List.of(script.toString()), BUILD);
    if (!build.ok()) {
      fail("runtime/scripts/fleet-build.sh failed (scripts/test-deps.sh runs it): " + build);
    }
    return Path.of(build.out().strip());
  }
}
