package dev.cluster.runtime.local;

import dev.cluster.runtime.local.aws.LocalInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code local up} waits for, looked at from outside the machines: each MAIN machine's etcd
 * member answers healthy (etcd's {@code /health} is a quorum read), and fleet, asked on a MAIN
 * machine with its own fleetctl, lists every machine that runs it.
 */
final class ClusterReadiness {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * fleetctl's socket answers (socket activation) before fleetd runs, and then waits for it:
   * bounded inside the machine.
   */
  private static final String[] FLEETCTL_BOUND = {"timeout", "20"};

  private final Podman podman;

  ClusterReadiness(Podman podman) {
    this.podman = podman;
  }

  /** One look: which members answered healthy, and fleet's machine lines ("ID IP METADATA"). */
  record Look(List<String> healthyMembers, List<String> fleetMachines) {
    Look {
      healthyMembers = List.copyOf(healthyMembers);
      fleetMachines = List.copyOf(fleetMachines);
    }

    String summary(int members, int fleetMachineCount) {
      return "etcd: "
          + healthyMembers.size()
          + "/"
          + members
          + " members healthy; fleet: "
          + fleetMachines.size()
          + "/"
          + fleetMachineCount
          + " machines";
    }
  }

  Look look(List<LocalInstance> mains) {
    List<String> healthy =
        mains.stream().filter(ClusterReadiness::etcdHealthy).map(LocalInstance::name).toList();
    return new Look(healthy, mains.isEmpty() ? List.of() : fleetMachines(mains.get(0).name()));
  }

  static boolean etcdHealthy(LocalInstance main) {
    try {
      HttpResponse<String> health =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://" + main.privateIp() + ":2379/health"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200
          && health.body().replace(" ", "").contains("\"health\":\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** fleetctl's machine lines on {@code machine}, none while fleet does not answer there. */
  List<String> fleetMachines(String machine) {
    ProcessRunner.Result listed =
        podman.exec(
            machine, FLEETCTL_BOUND, "/opt/bin/fleetctl", "list-machines", "--full", "--no-legend");
    return listed.ok() ? lines(listed.output()) : List.of();
  }

  /** fleetctl's unit lines on {@code machine}, none while fleet does not answer there. */
  List<String> fleetUnits(String machine) {
    ProcessRunner.Result listed =
        podman.exec(
            machine, FLEETCTL_BOUND, "/opt/bin/fleetctl", "list-units", "--full", "--no-legend");
    return listed.ok() ? lines(listed.output()) : List.of();
  }

  private static List<String> lines(String output) {
    return Arrays.stream(output.split("\n"))
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .toList();
  }
}
