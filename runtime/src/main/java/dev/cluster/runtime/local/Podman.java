package dev.cluster.runtime.local;

import dev.cluster.runtime.deploy.console.DeployException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The podman commands the local cluster is made of; a failed one is a {@link DeployException} with
 * podman's words.
 */
final class Podman {
  private static final Duration BOUND = Duration.ofMinutes(10);

  ProcessRunner.Result run(String... args) {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(Arrays.asList(args));
    return ProcessRunner.run(command, BOUND);
  }

  String check(String... args) {
    ProcessRunner.Result result = run(args);
    if (!result.ok()) {
      throw new DeployException(
          "podman "
              + String.join(" ", args)
              + " failed (exit "
              + result.exitCode()
              + "): "
              + result.all().strip());
    }
    return result.output();
  }

  boolean imageExists(String image) {
    return run("image", "exists", image).ok();
  }

  boolean networkExists(String network) {
    return run("network", "exists", network).ok();
  }

  boolean containerExists(String container) {
    return run("container", "exists", container).ok();
  }

  boolean running(String container) {
    ProcessRunner.Result state =
        run("container", "inspect", "--format", "{{.State.Running}}", container);
    return state.ok() && state.output().strip().equals("true");
  }

  /** The network's first IPv4 subnet, e.g. {@code 10.89.3.0/24}. */
  String subnet(String network) {
    return check("network", "inspect", "--format", "{{range .Subnets}}{{.Subnet}} {{end}}", network)
        .strip()
        .split("\\s+")[0];
  }

  /** Names of the containers, running or not, that carry {@code label}. */
  List<String> containersLabelled(String label) {
    String names =
        check("ps", "-a", "--filter", "label=" + label, "--format", "{{.Names}}").strip();
    return names.isEmpty() ? List.of() : List.of(names.split("\\s+"));
  }

  void copyInto(Path directory, String container) {
    check("cp", directory + "/.", container + ":/");
  }

  ProcessRunner.Result exec(String container, String... command) {
    return exec(container, new String[0], command);
  }

  /** {@code command} in {@code container}, behind {@code wrapper} (e.g. {@code timeout 20}). */
  ProcessRunner.Result exec(String container, String[] wrapper, String... command) {
    List<String> args = new ArrayList<>(List.of("exec", container));
    args.addAll(Arrays.asList(wrapper));
    args.addAll(Arrays.asList(command));
    return run(args.toArray(String[]::new));
  }
}
