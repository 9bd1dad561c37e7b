package dev.cluster.runtime.deploy.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.contract.descriptor.UnitFile;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessSecretsManagerEndpoint;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.RealFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code units start} rolling a changed pod template and its replicas on REAL fleet ({@link
 * RealFleet}: fleetd 1.0.0, etcd, systemd): the pods are {@code Type=oneshot} + {@code
 * RemainAfterExit}, as the processor generates them, so systemd reports them {@code active/exited},
 * never {@code active/running}. The units are the test's own (deploy/real-fleet/shop*), shaped like
 * the generated ones (Conflicts, MachineMetadata, BindsTo and MachineOf the pod), since the
 * machines have no container engine for a {@code docker run}.
 */
@ExtendWith(ExampleCredentials.class)
class RollingUpdateRealFleetTest {
  private static final Duration UP_WITHIN = Duration.ofMinutes(3);

  @RegisterExtension
  static final RealFleet FLEET =
      new RealFleet("group=main,role=main", "group=main,role=main", "group=edge,role=worker");

  private final FleetClient fleet = new FleetClient(FLEET.api());

  /**
   * The shop service: 2 pods on the main group, each with one replica; {@code pod} and {@code app}
   * pick the files.
   */
  private static ClusterDescriptor shop(String pod, String app) {
    return new ClusterDescriptor(
        "shop",
        "eu-west-1",
        "deploy/team-template.json",
        TestClusters.team().parameters(),
        List.of(
            new UnitFile(
                "shop-pod@.service", "deploy/real-fleet/shop-pod@.service" + pod, "shop", 2),
            new UnitFile("shop@.service", "deploy/real-fleet/shop@.service" + app, "shop", 2)),
        List.of(),
        List.of(
            new NodeGroupInfo("main", "MAIN", 2, 2, List.of("m6i.large"), "MainGroupName"),
            new NodeGroupInfo("edge", "WORKER", 1, 1, List.of("m6i.large"), "EdgeGroupName")),
        List.of(new ServiceInfo("shop", "main", 2, List.of("shop-pod@.service", "shop@.service"))));
  }

  private static CliRun units(ClusterDescriptor cluster, String... args) {
    List<String> all = new ArrayList<>(List.of("units"));
    all.addAll(List.of(args));
    all.addAll(List.of("--fleet-url", FLEET.api().toString()));
    if (args[0].equals("start")) {
      all.addAll(List.of("--timeout", "300"));
    }
    return CliRun.polling(Duration.ofMillis(250), cluster, all.toArray(String[]::new));
  }

  @AfterEach
  void destroyUnits() {
    CliRun destroy = units(shop("", ""), "destroy");
    assertEquals(0, destroy.exitCode(), destroy.toString());
    assertNotNull(
        Eventually.within(UP_WITHIN, () -> fleet.units().isEmpty() && fleet.states().isEmpty()),
        "fleet still has units: " + fleet.states());
  }

  private static final List<String> INSTANCES =
      List.of("shop-pod@1.service", "shop-pod@2.service", "shop@1.service", "shop@2.service");

  /**
   * Each instance's state in /state, once every one reports the state a live one of its kind
   * reports.
   */
  private Map<String, UnitState> allUp() {
    AtomicReference<Map<String, UnitState>> seen = new AtomicReference<>(Map.of());
    Eventually.within(
        UP_WITHIN,
        () -> {
          seen.set(byName(fleet.states()));
          return INSTANCES.stream()
              .allMatch(name -> seen.get().containsKey(name) && isUp(seen.get().get(name)));
        });
    assertTrue(
        INSTANCES.stream()
            .allMatch(name -> seen.get().containsKey(name) && isUp(seen.get().get(name))),
        "not every instance is up: " + seen.get() + "\n" + FLEET.diagnostics());
    return seen.get();
  }

  private static boolean isUp(UnitState state) {
    String expected = state.name().startsWith("shop-pod@") ? "active/exited" : "active/running";
    return expected.equals(state.systemdActiveState() + "/" + state.systemdSubState());
  }

  private static Map<String, UnitState> byName(List<UnitState> states) {
    return states.stream()
        .collect(Collectors.toMap(UnitState::name, Function.identity(), (a, b) -> b));
  }

  @Test
  void aChangedPodAndItsReplicasAreReplacedOneAtATimeEachUpBeforeTheNext() throws Exception {
    CliRun first = units(shop("", ""), "start");
    assertEquals(0, first.exitCode(), first.toString());
    Map<String, UnitState> before = allUp();
    Set<String> pods =
        Set.of(
            before.get("shop-pod@1.service").machineID(),
            before.get("shop-pod@2.service").machineID());
    assertEquals(
        Set.copyOf(FLEET.machineIds("group", "main")),
        pods,
        "Conflicts and MachineMetadata: one pod per main machine");

    double rollStarted = machineClock();

    CliRun roll = units(shop(".v2", ".v2"), "start");

    assertEquals(0, roll.exitCode(), roll + "\n" + FLEET.diagnostics());
    int podOne =
        roll.err()
            .indexOf(
                "Rolling update: replacing shop-pod@1.service with the units bound to it: shop@1.service\n");
    int podTwo =
        roll.err()
            .indexOf(
                "Rolling update: replacing shop-pod@2.service with the units bound to it: shop@2.service\n");
    assertTrue(
        podOne >= 0 && podTwo > podOne,
        "each pod rolled with its replica, in order: " + roll.err());
    for (String unit : INSTANCES) {
      assertTrue(
          roll.out().contains(String.format("%-18s  replaced (unit file changed)", unit)),
          roll.out());
    }
    Map<String, UnitState> after = allUp();
    for (String unit : INSTANCES) {
      assertTrue(
          !after.get(unit).hash().equals(before.get(unit).hash()),
          unit + " runs the new unit file: " + after.get(unit));
      String template = unit.replaceAll("@\\d+", "@");
      assertEquals(
          fleet.unit(template).orElseThrow().options(), fleet.unit(unit).orElseThrow().options());
    }
    for (String replica : List.of("1", "2")) {
      assertEquals(
          after.get("shop-pod@" + replica + ".service").machineID(),
          after.get("shop@" + replica + ".service").machineID(),
          "MachineOf: replica " + replica + " on its pod's machine");
    }
    assertTrue(
        FLEET
            .machineIds("group", "main")
            .containsAll(INSTANCES.stream().map(unit -> after.get(unit).machineID()).toList()),
        "all on main machines: " + after);
    // one at a time, as the machines' systemd saw it (fleet's /state may drop a machine's states
    // for a moment, so
    // it is no witness of what is down): replica 1 was up again before anything of replica 2 went
    // down
    List<SystemdEvent> events = systemdEvents(rollStarted);
    double replicaOneUp =
        events.stream()
            .filter(e -> e.replica() == 1 && e.up())
            .mapToDouble(SystemdEvent::at)
            .max()
            .orElseThrow();
    double replicaTwoDown =
        events.stream()
            .filter(e -> e.replica() == 2 && !e.up())
            .mapToDouble(SystemdEvent::at)
            .min()
            .orElseThrow();
    assertTrue(
        events.stream().anyMatch(e -> e.replica() == 1 && !e.up())
            && events.stream().anyMatch(e -> e.replica() == 2 && e.up()),
        "both replicas went down and came up: " + events);
    assertTrue(
        replicaOneUp < replicaTwoDown,
        "replica 2 went down only once replica 1 was up again: " + events);
  }

  /**
   * {@code units submit} of a changed service replaces what does not run (the templates) and leaves
   * every running replica on its old file: fleet still holds it, so no agent restarts anything;
   * {@code units start} rolls them.
   */
  @Test
  void unitsSubmitOfAChangedServiceLeavesItsRunningReplicasAlone() {
    CliRun first = units(shop("", ""), "start");
    assertEquals(0, first.exitCode(), first.toString());
    Map<String, UnitState> before = allUp();
    Map<String, List<UnitOption>> running = new java.util.HashMap<>();
    INSTANCES.forEach(unit -> running.put(unit, fleet.unit(unit).orElseThrow().options()));

    CliRun submit = units(shop(".v2", ".v2"), "submit");

    assertEquals(0, submit.exitCode(), submit.toString());
    for (String unit : INSTANCES) {
      assertTrue(
          submit.out().contains(String.format("%-18s  %s", unit, UnitAction.KEEP_RUNNING.done())),
          submit.out());
      assertEquals(
          running.get(unit),
          fleet.unit(unit).orElseThrow().options(),
          unit + " keeps its old file in fleet");
      assertEquals("launched", fleet.unit(unit).orElseThrow().desiredState(), unit);
    }
    assertTrue(
        !fleet
            .unit("shop-pod@.service")
            .orElseThrow()
            .options()
            .equals(running.get("shop-pod@1.service")),
        "the template holds the new file, for the next units start");
    Map<String, UnitState> after = allUp();
    for (String unit : INSTANCES) {
      assertEquals(
          before.get(unit).hash(), after.get(unit).hash(), unit + " still runs its old file");
    }
  }

  /**
   * A shop unit starting ({@code up}: systemd's Started/Finished) or stopping on some machine, at
   * the machine's clock.
   */
  private record SystemdEvent(double at, String unit, boolean up) {
    int replica() {
      return Integer.parseInt(unit.replaceAll(".*@(\\d+)\\.service", "$1"));
    }
  }

  /** The machines' clock (the host's kernel clock, as their journals stamp it), in seconds. */
  private static double machineClock() {
    return Double.parseDouble(FLEET.exec(1, "date", "+%s.%N").out().strip());
  }

  /** Every shop unit's start and stop since {@code since}, from the journals of all machines. */
  private static List<SystemdEvent> systemdEvents(double since) {
    Pattern line =
        Pattern.compile(
            "^(\\d+\\.\\d+) \\S+ systemd\\[1\\]: (Started|Finished|Stopping|Stopped) (shop(-pod)?@\\d+\\.service) .*");
    List<SystemdEvent> events = new ArrayList<>();
    for (int i = 1; i <= FLEET.names().size(); i++) {
      for (String entry :
          FLEET
              .exec(i, "journalctl", "--no-pager", "-o", "short-unix", "_PID=1")
              .out()
              .split("\n")) {
        Matcher matcher = line.matcher(entry);
        if (matcher.matches() && Double.parseDouble(matcher.group(1)) >= since) {
          boolean up = matcher.group(2).equals("Started") || matcher.group(2).equals("Finished");
          events.add(new SystemdEvent(Double.parseDouble(matcher.group(1)), matcher.group(3), up));
        }
      }
    }
    events.sort(java.util.Comparator.comparingDouble(SystemdEvent::at));
    return events;
  }

  @Test
  void deployCreatesTheStackStartsTheUnitsAndThenRollsTheChangedPod() throws Exception {
    try (InProcessCloudFormationEndpoint cloudFormation = new InProcessCloudFormationEndpoint();
        InProcessSecretsManagerEndpoint secretsManager = new InProcessSecretsManagerEndpoint()) {
      Function<ClusterDescriptor, CliRun> deploy =
          cluster ->
              CliRun.polling(
                  Duration.ofMillis(250),
                  cluster,
                  "deploy",
                  "--yes",
                  "--param",
                  "KeyName=shop-key",
                  "--endpoint-url",
                  cloudFormation.url().toString(),
                  "--secrets-endpoint-url",
                  secretsManager.url().toString(),
                  "--fleet-url",
                  FLEET.api().toString(),
                  "--timeout",
                  "300");

      CliRun create = deploy.apply(shop("", ""));

      assertEquals(0, create.exitCode(), create.toString());
      assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("shop"));
      Map<String, UnitState> before = allUp();

      CliRun update = deploy.apply(shop(".v2", ".v2"));

      assertEquals(0, update.exitCode(), update + "\n" + FLEET.diagnostics());
      assertTrue(update.err().contains("Stack shop is up to date: no changes."), update.err());
      Map<String, UnitState> after = allUp();
      for (String unit : INSTANCES) {
        assertTrue(
            update.out().contains(String.format("%-18s  replaced (unit file changed)", unit)),
            update.out());
        assertTrue(
            !after.get(unit).hash().equals(before.get(unit).hash()),
            unit + " runs the new unit file: " + after.get(unit));
      }
    }
  }

  @Test
  void aPodThatFailsStopsTheRollNamingItAndTheRestKeepTheOldUnitFile() {
    CliRun first = units(shop("", ""), "start");
    assertEquals(0, first.exitCode(), first.toString());
    Map<String, UnitState> before = allUp();

    CliRun roll = units(shop(".broken", ""), "start");

    assertEquals(1, roll.exitCode(), roll.toString());
    assertTrue(
        roll.err()
            .contains(
                "error: rolling update of shop-pod@.service stopped at shop-pod@1.service:"
                    + " systemd reports it failed/failed on machine "
                    + before.get("shop-pod@1.service").machineID()),
        roll.err());
    assertTrue(roll.err().contains("Left on the old unit file: shop-pod@2.service."), roll.err());
    UnitState untouched = byName(fleet.states()).get("shop-pod@2.service");
    assertEquals(before.get("shop-pod@2.service").hash(), untouched.hash());
    assertTrue(isUp(untouched), untouched.toString());
    assertEquals(
        new HashSet<>(fleet.unit("shop-pod@1.service").orElseThrow().options()),
        new HashSet<>(fleet.unit("shop-pod@.service").orElseThrow().options()),
        "instance 1 got the new unit and failed");
  }
}
