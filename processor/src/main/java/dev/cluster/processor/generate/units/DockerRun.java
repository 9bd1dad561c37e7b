package dev.cluster.processor.generate.units;

import dev.cluster.processor.model.PortSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code docker run} command line for an {@code Exec*=} line. Values that come from the model go
 * through {@link ExecArgs#literal}; the container's name, the network and the published address are
 * written as they are, since they carry specifiers ({@code %i}) and variables ({@code ${PRIVATE_IP}}).
 */
public record DockerRun(String executable, List<String> words) {
  public static final String DOCKER = "/usr/bin/docker";

  public DockerRun {
    words = List.copyOf(words);
  }

  public String commandLine() {
    return executable + " run " + String.join(" ", words);
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
    private final List<String> words = new ArrayList<>();

    private Builder(String executable, String name) {
      this.executable = executable;
      words.add("--rm");
      words.add("--name " + name);
    }

    /** {@code host}, or {@code container:<name>}. */
    public Builder network(String network) {
      words.add("--net=" + network);
      return this;
    }

    /** Publishes a port on {@code address} (written as is), or on every address when it is empty. */
    public Builder publish(String address, PortSpec port) {
      String udp = port.protocol().equals("udp") ? "/udp" : "";
      String host = address.isEmpty() ? "" : address + ":";
      words.add("-p " + host + port.number() + ":" + port.number() + udp);
      return this;
    }

    public Builder env(String name, String value) {
      words.add("-e " + ExecArgs.literal(name + "=" + value));
      return this;
    }

    /** An env file written at start (secrets), read by docker; its path may carry {@code %i}. */
    public Builder envFile(String path) {
      words.add("--env-file " + path);
      return this;
    }

    public Builder volume(String hostPath, String containerPath, boolean readOnly) {
      words.add("-v " + ExecArgs.literal(hostPath + ":" + containerPath + (readOnly ? ":ro" : "")));
      return this;
    }

    /** Any other option, written as is. */
    public Builder option(String option) {
      words.add(option);
      return this;
    }

    /** The image, then its arguments written as they are (they may use specifiers and variables). */
    public DockerRun image(String image, String... arguments) {
      words.add(ExecArgs.literal(image));
      words.addAll(List.of(arguments));
      return new DockerRun(executable, words);
    }
  }
}
