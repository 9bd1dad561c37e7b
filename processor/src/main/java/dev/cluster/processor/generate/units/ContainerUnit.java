package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.text.SystemdUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape every unit that runs containers shares: it needs docker; before starting it kills and
 * removes a container of the same name left by a crash, pulls the images (hence the long start
 * timeout), and runs the fetch steps; it stops its containers by name, the last one started first;
 * systemd restarts it when it exits.
 */
final class ContainerUnit {
  static final String NODE_ENV = "/run/cluster/node.env";

  private final String name;
  private final String description;
  private final Set<String> bindsTo = new LinkedHashSet<>();
  private final Set<String> wants = new LinkedHashSet<>();
  private final Set<String> requires = new LinkedHashSet<>(List.of("docker.service"));
  private final Set<String> after = new LinkedHashSet<>(List.of("docker.service"));
  private final List<String> containers = new ArrayList<>();
  private final Set<String> fenced = new LinkedHashSet<>();
  private final Set<String> images = new LinkedHashSet<>();
  private final List<String> fetchSteps = new ArrayList<>();
  private final List<String> environmentFiles = new ArrayList<>(List.of(NODE_ENV));
  private String start;
  private final List<String> afterStart = new ArrayList<>();
  private boolean runsAgent;

  private ContainerUnit(String name, String description) {
    this.name = name;
    this.description = description;
  }

  static ContainerUnit named(String name, String description) {
    return new ContainerUnit(name, description);
  }

  /** Stops with {@code unit} and starts after it. */
  ContainerUnit bindsTo(String unit) {
    bindsTo.add(unit);
    after.add(unit);
    return this;
  }

  /** Needs {@code unit} started first. */
  ContainerUnit requires(String unit) {
    requires.add(unit);
    after.add(unit);
    return this;
  }

  /** Starts after {@code unit} when both start, without pulling it in. */
  ContainerUnit after(String unit) {
    after.add(unit);
    return this;
  }

  /** A container this unit runs: removed before start, stopped on stop. */
  ContainerUnit container(String containerName, UnitImage image) {
    containers.add(containerName);
    images.add(image.execText());
    if (image.inRegistry().isPresent() && !environmentFiles.contains(UnitImage.REGISTRY_ENV)) {
      // A fresh login for every start: the token lasts 12 hours, a unit may restart any time later.
      wants.add(UnitImage.LOGIN_UNIT);
      after.add(UnitImage.LOGIN_UNIT);
      environmentFiles.add(UnitImage.REGISTRY_ENV);
    }
    return this;
  }

  /**
   * {@code containerName} is killed on stop, not stopped with docker's grace period: it may run
   * only while its unit holds a lease, and that grace is longer than a lease's TTL.
   */
  ContainerUnit fenced(String containerName) {
    fenced.add(containerName);
    return this;
  }

  ContainerUnit fetch(List<String> steps) {
    fetchSteps.addAll(steps);
    return this;
  }

  ContainerUnit start(String command) {
    start = command;
    return this;
  }

  /**
   * A command run once the container has been started ({@code ExecStartPost}); the start waits for
   * it.
   */
  ContainerUnit afterStart(String command) {
    afterStart.add(command);
    return this;
  }

  /**
   * The container runs a runtime agent, whose JVM exits with 143 after SIGTERM (runtime/README.md):
   * a stop through {@code docker stop} is then a success, not a failure of the unit.
   */
  ContainerUnit runsAgent() {
    runsAgent = true;
    return this;
  }

  ContainerUnit environmentFile(String path) {
    environmentFiles.add(path);
    return this;
  }

  /** The [Unit] and [Service] sections; the caller adds [X-Fleet] or [Install]. */
  SystemdUnit.Builder builder() {
    if (start == null) {
      throw new IllegalStateException("no ExecStart for " + name);
    }
    SystemdUnit.Builder unit =
        SystemdUnit.builder(name).section("Unit").add("Description", description);
    if (!bindsTo.isEmpty()) {
      unit.add("BindsTo", String.join(" ", bindsTo));
    }
    if (!wants.isEmpty()) {
      unit.add("Wants", String.join(" ", wants));
    }
    unit.add("Requires", String.join(" ", requires)).add("After", String.join(" ", after));
    unit.section("Service");
    environmentFiles.forEach(file -> unit.add("EnvironmentFile", file));
    unit.add("TimeoutStartSec", "600");
    for (String container : containers) {
      unit.add("ExecStartPre", "-" + DockerRun.DOCKER + " rm -f " + container);
    }
    for (String image : images) {
      unit.add("ExecStartPre", DockerRun.DOCKER + " pull " + image);
    }
    fetchSteps.forEach(step -> unit.add("ExecStartPre", step));
    unit.add("ExecStart", start);
    afterStart.forEach(command -> unit.add("ExecStartPost", command));
    for (int i = containers.size() - 1; i >= 0; i--) {
      String container = containers.get(i);
      unit.add(
          "ExecStop",
          "-" + DockerRun.DOCKER + (fenced.contains(container) ? " kill " : " stop ") + container);
    }
    if (runsAgent) {
      unit.add("SuccessExitStatus", "143");
    }
    return unit.add("Restart", "always").add("RestartSec", "5");
  }
}
