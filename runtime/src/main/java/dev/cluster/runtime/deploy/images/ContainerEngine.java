package dev.cluster.runtime.deploy.images;

import dev.cluster.runtime.deploy.console.DeployException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * podman, or docker where podman is missing (as {@code containers/build.sh} chooses). Registry
 * credentials go to its {@code login} on standard input and into a credentials file of this
 * command's own, never on a command line and never into the user's docker or podman configuration.
 */
public final class ContainerEngine {
  private final Path executable;
  private final boolean podman;

  private ContainerEngine(Path executable) {
    this.executable = executable;
    this.podman = executable.getFileName().toString().equals("podman");
  }

  /** The engine found on {@code searchPath} (the directories of {@code PATH}). */
  public static ContainerEngine detect(List<Path> searchPath) {
    Optional<Path> podman = find(searchPath, "podman");
    if (podman.isPresent()) {
      return new ContainerEngine(podman.get());
    }
    Optional<Path> docker = find(searchPath, "docker");
    if (docker.isPresent()) {
      ContainerEngine engine = new ContainerEngine(docker.get());
      if (engine.exec(List.of("info"), "").exitCode() == 0) {
        return engine;
      }
      throw new DeployException(
          "docker is installed but its daemon does not answer (`docker info` fails): start it,"
              + " or install podman (scripts/podman-setup.sh)");
    }
    throw new DeployException(
        "neither podman nor docker is installed (looked in PATH: "
            + searchPath
            + "); install one, e.g. with scripts/podman-setup.sh");
  }

  /** The directories of this process's {@code PATH}. */
  public static List<Path> systemPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    return path.isEmpty()
        ? List.of()
        : Arrays.stream(path.split(File.pathSeparator)).map(Path::of).toList();
  }

  private static Optional<Path> find(List<Path> searchPath, String name) {
    return searchPath.stream()
        .map(dir -> dir.resolve(name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  public String name() {
    return executable.getFileName().toString();
  }

  /**
   * Builds {@code folder}'s Containerfile as {@code image}, with {@code buildArgs}; podman in
   * docker's image format, whose HEALTHCHECK the cluster's health checks read (podman's own OCI
   * format drops it).
   */
  public void build(Path folder, String image, Map<String, String> buildArgs) {
    List<String> args = new ArrayList<>(List.of("build"));
    if (podman) {
      args.add("--format=docker");
    }
    args.addAll(List.of("-t", image, "-f", folder.resolve("Containerfile").toString()));
    new TreeMap<>(buildArgs)
        .forEach((name, value) -> args.addAll(List.of("--build-arg", name + "=" + value)));
    args.add(folder.toString());
    check(args, "", "build " + image + " from " + folder);
  }

  public void tag(String source, String target) {
    check(List.of("tag", source, target), "", "tag " + source + " as " + target);
  }

  /**
   * Logs in to {@code host}, keeping the credentials under {@code credentials} (a directory of this
   * command's); {@code plainHttp} for a registry without TLS (podman only: docker allows plain HTTP
   * to 127.0.0.1 by itself).
   */
  public void login(
      String host, String user, String password, Path credentials, boolean plainHttp) {
    List<String> args = new ArrayList<>(List.of("login", "--username", user, "--password-stdin"));
    args.add(host);
    check(withCredentials(args, credentials, plainHttp), password, "log in to " + host);
  }

  public void push(String image, Path credentials, boolean plainHttp) {
    check(
        withCredentials(new ArrayList<>(List.of("push", image)), credentials, plainHttp),
        "",
        "push " + image);
  }

  /**
   * podman keeps credentials in the file its subcommand's {@code --authfile} names, docker in the
   * directory of its global {@code --config}.
   */
  private List<String> withCredentials(
      List<String> subcommand, Path credentials, boolean plainHttp) {
    List<String> args = new ArrayList<>();
    if (podman) {
      args.add(subcommand.get(0));
      args.add("--authfile=" + credentials.resolve("auth.json"));
      if (plainHttp) {
        args.add("--tls-verify=false");
      }
      args.addAll(subcommand.subList(1, subcommand.size()));
    } else {
      args.addAll(List.of("--config", credentials.toString()));
      args.addAll(subcommand);
    }
    return args;
  }

  private void check(List<String> args, String stdin, String what) {
    Result result = exec(args, stdin);
    if (result.exitCode() != 0) {
      throw new DeployException(
          name()
              + " could not "
              + what
              + " (exit "
              + result.exitCode()
              + "): "
              + result.output().strip());
    }
  }

  private record Result(int exitCode, String output) {}

  private Result exec(List<String> args, String stdin) {
    List<String> command = new ArrayList<>(List.of(executable.toString()));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      int exitCode = process.waitFor();
      return new Result(exitCode, output.join());
    } catch (IOException e) {
      throw new DeployException("cannot run " + executable + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while running " + name(), e);
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
