package dev.cluster.processor.generate.units;

import dev.cluster.contract.agent.CommandLine;
import dev.cluster.processor.model.PortSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code docker run} command line for an {@code Exec*=} line. Values that come from the model go
 * through {@link ExecArgs#literal}; the container's name, the network and the published address are
 * written as they are, since they carry specifiers ({@code %i}) and variables ({@code
 * ${PRIVATE_IP}}).
 */
public record DockerRun(
    String executable, List<String> options, String image, List<String> arguments) {
  public static final String DOCKER = "/usr/bin/docker";

  /**
   * A longer command line puts each option on a continuation line of its own, so it stays readable.
   */
  static final int WRAP_AFTER = 120;

  private static final String CONTINUATION = " \\\n    ";

  public DockerRun {
    options = List.copyOf(options);
    arguments = List.copyOf(arguments);
  }

  public String commandLine() {
    List<String> imageAndArguments = new ArrayList<>(List.of(image));
    imageAndArguments.addAll(arguments);
    String tail = String.join(" ", imageAndArguments);
    String oneLine = executable + " run " + String.join(" ", options) + " " + tail;
    if (oneLine.length() <= WRAP_AFTER) {
      return oneLine;
    }
    return executable + " run " + String.join(CONTINUATION, options) + CONTINUATION + tail;
  }

  /** A removed-on-exit container named {@code name}, run by the host's docker. */
  public static Builder container(String name) {
    return new Builder(DOCKER, name);
  }

  /** The same, run by the {@code docker} of the agents image (inside the election agent). */
  public static Builder nested(String name) {
    return new Builder("docker", name);
  }

  /** Options in the order they are added, then the image and its arguments. */
  public static final class Builder {
    private final String executable;
    private final List<String> options = new ArrayList<>();

    private Builder(String executable, String name) {
      this.executable = executable;
      options.add("--rm");
      options.add("--name " + name);
    }

    /** {@code host}, or {@code container:<name>}. */
    public Builder network(String network) {
      options.add("--net=" + network);
      return this;
    }

    /**
     * Publishes a port on {@code address} (written as is), or on every address when it is empty.
     */
    public Builder publish(String address, PortSpec port) {
      String udp = port.protocol().equals("udp") ? "/udp" : "";
      String host = address.isEmpty() ? "" : address + ":";
      options.add("-p " + host + port.number() + ":" + port.number() + udp);
      return this;
    }

    public Builder env(String name, String value) {
      options.add("-e " + ExecArgs.literal(name + "=" + value));
      return this;
    }

    /** An env file written at start (secrets), read by docker; its path may carry {@code %i}. */
    public Builder envFile(String path) {
      options.add("--env-file " + path);
      return this;
    }

    public Builder volume(String hostPath, String containerPath, boolean readOnly) {
      options.add(
          "-v " + ExecArgs.literal(hostPath + ":" + containerPath + (readOnly ? ":ro" : "")));
      return this;
    }

    /** Any other option, written as is. */
    public Builder option(String option) {
      options.add(option);
      return this;
    }

    /**
     * The image, then its arguments written as they are (they may use specifiers and variables).
     */
    public DockerRun image(UnitImage image, String... arguments) {
      return new DockerRun(executable, options, image.execText(), List.of(arguments));
    }

    /**
     * The agents image, then one agent's command line, rendered by the contract the agent parses it
     * with.
     */
    public DockerRun image(UnitImage agents, CommandLine<?> agentLine) {
      return image(agents, agentLine.render().toArray(String[]::new));
    }
  }
}
