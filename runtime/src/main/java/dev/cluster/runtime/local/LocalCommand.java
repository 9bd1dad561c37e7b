package dev.cluster.runtime.local;

import dev.cluster.runtime.deploy.cli.Invocation;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code local up | status | down}: the cluster on this machine with podman
 * (runtime/README-local.md).
 */
public final class LocalCommand {
  private LocalCommand() {}

  public static int run(Request request, String subcommand, Map<String, String> environment) {
    LocalCluster local =
        new LocalCluster(request.cluster(), settings(request, environment), request.console());
    String report;
    try {
      report =
          switch (subcommand) {
            case "up" -> local.up(services(request));
            case "status" -> local.status();
            case "down" -> local.down();
            default -> throw new IllegalStateException("no local command " + subcommand);
          };
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new DeployException("local " + subcommand + ": " + e.getMessage(), e);
    }
    request.console().plain(report);
    return ExitCode.OK;
  }

  /**
   * The services whose units {@code local up} runs: the operands, each a declared service; without
   * operands every service the cluster declares, as a first try of the cluster expects.
   */
  private static List<String> services(Request request) {
    List<String> services = request.invocation().operands();
    if (services.isEmpty()) {
      return DeclaredUnit.serviceNames(request.cluster());
    }
    DeclaredUnit.of(
        request.cluster(), services); // refuses an unknown service, as `units start` does
    return services;
  }

  static LocalSettings settings(Request request, Map<String, String> environment) {
    Invocation invocation = request.invocation();
    String prefix =
        invocation
            .value(Option.LOCAL_PREFIX)
            .orElseGet(
                () ->
                    environment.getOrDefault(
                        LocalNames.PREFIX_VARIABLE,
                        LocalNames.defaultFor(request.cluster().name()).prefix()));
    LocalNames names;
    try {
      names = new LocalNames(prefix);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Path fleet =
        Path.of(
            invocation
                .value(Option.FLEET_DIR)
                .orElseGet(
                    () ->
                        environment.getOrDefault(
                            LocalSettings.FLEET_DIR_VARIABLE,
                            LocalSettings.DEFAULT_FLEET_DIR.toString())));
    Path containers =
        Path.of(invocation.value(Option.CONTAINERS).orElse("containers"))
            .toAbsolutePath()
            .normalize();
    Duration timeout =
        invocation
            .value(Option.TIMEOUT)
            .map(
                seconds -> {
                  if (!seconds.matches("\\d{1,6}")) {
                    throw new UsageException("--timeout takes seconds: " + seconds);
                  }
                  return Duration.ofSeconds(Long.parseLong(seconds));
                })
            .orElse(LocalSettings.DEFAULT_TIMEOUT);
    return new LocalSettings(
        names,
        LocalShape.of(request.cluster().nodeGroups(), invocation.values(Option.MACHINES)),
        fleet,
        containers,
        timeout,
        Optional.ofNullable(environment.get(LocalSecrets.FILE_VARIABLE)).map(Path::of));
  }
}
