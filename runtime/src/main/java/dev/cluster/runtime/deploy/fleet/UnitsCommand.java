package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.config.ConfigFile;
import dev.cluster.runtime.deploy.config.ConfigFiles;
import dev.cluster.runtime.deploy.config.ConfigPush;
import dev.cluster.runtime.deploy.console.ExitCode;
import java.time.Duration;
import java.util.List;

/**
 * {@code units submit|start|stop|destroy [SERVICE...]} through fleet's API; submit and start first
 * store the cluster's config files in etcd (all of them, whatever the operands), where the units'
 * {@code config-get} reads them.
 */
public final class UnitsCommand {
  private UnitsCommand() {}

  public static int run(Request request, String verb) {
    List<DeclaredUnit> units = DeclaredUnit.of(request.cluster(), request.invocation().operands());
    if (!FleetConnection.given(request.invocation())) {
      throw new UsageException(
          "units " + verb + " needs fleet: pass --fleet-url URL or --tunnel USER@HOST");
    }
    boolean storesConfig = verb.equals("submit") || verb.equals("start");
    List<ConfigFile> configs = storesConfig ? requireEtcdFor(request) : List.of();
    // every option is read before anything is stored: a bad --timeout must not leave configs pushed
    Duration timeout = UnitOperations.timeout(request.invocation());
    try (FleetConnection fleet =
        FleetConnection.open(request.invocation(), request.console()).orElseThrow()) {
      if (!configs.isEmpty()) {
        ConfigPush.push(request.cluster(), configs, fleet.etcd().orElseThrow(), request.console());
      }
      UnitOperations operations = new UnitOperations(fleet.client(), request.console(), timeout);
      List<UnitChange> changes =
          switch (verb) {
            case "submit" -> operations.submit(units);
            case "start" -> operations.start(units);
            case "stop" -> operations.stop(units);
            case "destroy" -> operations.destroy(units);
            default -> throw new IllegalArgumentException("no units command " + verb);
          };
      request.console().result(new UnitsReport(verb, changes));
    }
    return ExitCode.OK;
  }

  /**
   * The cluster's config files; a usage error when there are some and the command line gives no way
   * to etcd (checked before anything changes: units started without their files would fail in
   * {@code config-get}).
   */
  public static List<ConfigFile> requireEtcdFor(Request request) {
    List<ConfigFile> configs = ConfigFiles.of(request.cluster());
    if (!configs.isEmpty() && !FleetConnection.reachesEtcd(request.invocation())) {
      throw new UsageException(
          "the cluster has "
              + configs.size()
              + " config file(s) the units read from etcd: pass "
              + "--etcd-url URL (a node's etcd client port, e.g. http://10.0.0.5:2379) or use --tunnel USER@HOST");
    }
    return configs;
  }
}
