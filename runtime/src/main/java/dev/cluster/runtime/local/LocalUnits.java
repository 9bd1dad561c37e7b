package dev.cluster.runtime.local;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.config.ConfigFiles;
import dev.cluster.runtime.deploy.config.ConfigPush;
import dev.cluster.runtime.deploy.config.EtcdConnection;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import dev.cluster.runtime.deploy.fleet.FleetClient;
import dev.cluster.runtime.deploy.fleet.UnitOperations;
import dev.cluster.runtime.deploy.fleet.UnitState;
import dev.cluster.runtime.deploy.secrets.MissingSecret;
import dev.cluster.runtime.deploy.secrets.SecretsStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code local up}'s last step: the units of the services it runs, through the deploy client's own
 * code as {@code units start} runs it (every config file into etcd, the declared secrets checked,
 * the units submitted and started through fleet's API), then waited for, with progress, until fleet
 * reports each one active.
 */
final class LocalUnits {
  private static final Duration POLL = Duration.ofSeconds(5);

  private final Console console;

  LocalUnits(Console console) {
    this.console = console;
  }

  void start(
      ClusterDescriptor cluster,
      List<String> services,
      URI fleet,
      URI etcd,
      SecretsManagerClient secrets,
      Duration timeout) {
    List<MissingSecret> missing = new SecretsStore(secrets).missing(cluster.secrets());
    if (!missing.isEmpty()) {
      throw new DeployException(
          "the local Secrets Manager lacks "
              + missing.stream().map(MissingSecret::name).toList()
              + ": `local down` and `local up` seed it again");
    }
    List<DeclaredUnit> units = DeclaredUnit.of(cluster, services);
    try (EtcdConnection configs = EtcdConnection.to(etcd)) {
      ConfigPush.push(cluster, ConfigFiles.of(cluster), configs, console);
    }
    FleetClient client = new FleetClient(fleet);
    new UnitOperations(client, console, timeout)
        .start(units)
        .forEach(
            change ->
                console.info(
                    "  "
                        + change.unit()
                        + ": "
                        + change.action().toString().toLowerCase(Locale.ROOT)));
    awaitActive(
        client,
        units.stream().filter(unit -> !unit.template()).map(DeclaredUnit::name).toList(),
        timeout);
  }

  private void awaitActive(FleetClient fleet, List<String> units, Duration timeout) {
    ProgressPoll.until(
        console,
        timeout,
        POLL,
        () -> {
          Map<String, String> states = new TreeMap<>();
          units.forEach(unit -> states.put(unit, "not scheduled"));
          for (UnitState state : fleet.states()) {
            if (states.containsKey(state.name())) {
              states.put(state.name(), state.systemdActiveState() + "/" + state.systemdSubState());
            }
          }
          long active =
              states.values().stream().filter(state -> state.startsWith("active/")).count();
          String summary =
              active
                  + "/"
                  + units.size()
                  + " units active"
                  + (active == units.size()
                      ? ""
                      : "; "
                          + states.entrySet().stream()
                              .filter(state -> !state.getValue().startsWith("active/"))
                              .map(state -> state.getKey() + " " + state.getValue())
                              .collect(Collectors.joining(", ")));
          return new ProgressPoll.Look(summary, active == units.size());
        },
        summary ->
            new DeployException(
                "the units were not active within "
                    + timeout.toSeconds()
                    + " s ("
                    + summary
                    + "); `local status` shows them, `podman exec MACHINE journalctl -u UNIT` says why"));
  }
}
