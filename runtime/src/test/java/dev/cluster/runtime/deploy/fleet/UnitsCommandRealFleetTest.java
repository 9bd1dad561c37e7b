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
import dev.cluster.runtime.deploy.config.ConfigFiles;
import dev.cluster.runtime.deploy.config.EtcdConnection;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.RealFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code units submit|start|destroy} on REAL fleet ({@link RealFleet}) with the processor's own
 * generated units and configs: its golden model {@code demo}
 * (processor/src/test/resources/golden/units-and-configs: pods, apps, ambassadors, volumes,
 * presence, a DNS updater), laid out as in the cluster's jar ({@code cluster/demo/units/}, {@code
 * cluster/demo/config/}). The machines have no container engine, so the apps' {@code docker run}
 * does not start; the pods ({@code /usr/bin/true}) do, and fleet's scheduling is what a cluster
 * gets.
 */
class UnitsCommandRealFleetTest {
  private static final Path GOLDEN =
      Path.of("../processor/src/test/resources/golden/units-and-configs");
  private static final Duration WITHIN = Duration.ofMinutes(3);

  /**
   * the golden model's services on fleet, longest name first (a unit belongs to the first whose
   * name it starts with)
   */
  private static final List<String> SERVICES =
      List.of("web-redis", "web-db", "front", "web", "api");

  @RegisterExtension
  static final RealFleet FLEET =
      new RealFleet(
          "group=main,role=main", "group=workers,role=worker", "group=workers,role=worker");

  @TempDir static Path jar;

  private final FleetClient fleet = new FleetClient(FLEET.api());

  /**
   * The golden units and configs under cluster/demo/, as the processor writes them into the
   * cluster's jar.
   */
  @BeforeAll
  static void layOutTheJar() throws IOException {
    for (String folder : List.of("units", "config")) {
      Path from = GOLDEN.resolve(folder);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path to = jar.resolve("cluster/demo/" + folder).resolve(from.relativize(file).toString());
          Files.createDirectories(to.getParent());
          Files.copy(file, to);
        }
      }
    }
  }

  /**
   * The demo cluster as its generated client would describe it: every golden unit of a service on
   * fleet, 2 instances of each template (api, on the one main machine, 1), since the fixture has 2
   * workers machines.
   */
  private static ClusterDescriptor demo() {
    List<UnitFile> units = new ArrayList<>();
    try (Stream<Path> files = Files.list(jar.resolve("cluster/demo/units"))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        String service =
            SERVICES.stream()
                .filter(s -> name.startsWith(s + "@") || name.startsWith(s + "-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service for unit " + name));
        int instances = !name.contains("@.") ? 0 : service.equals("api") ? 1 : 2;
        units.add(new UnitFile(name, "cluster/demo/units/" + name, service, instances));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ServiceInfo> services =
        SERVICES.stream()
            .map(
                service ->
                    new ServiceInfo(
                        service,
                        service.equals("api") ? "main" : "workers",
                        service.equals("api") ? 1 : 2,
                        units.stream()
                            .filter(u -> u.service().equals(service))
                            .map(UnitFile::name)
                            .toList()))
            .toList();
    return new ClusterDescriptor(
        "demo",
        "eu-west-1",
        "deploy/team-template.json",
        List.of(),
        units,
        List.of(),
        List.of(
            new NodeGroupInfo("main", "MAIN", 1, 1, List.of("m6i.large"), "MainGroupName"),
            new NodeGroupInfo("workers", "WORKER", 2, 2, List.of("m6i.large"), "WorkersGroupName")),
        services);
  }

  /** A units command with the demo jar on the class path, as the generated client runs it. */
  private static CliRun units(ClusterDescriptor cluster, String... args) {
    List<String> all = new ArrayList<>(List.of("units"));
    all.addAll(List.of(args));
    all.addAll(List.of("--fleet-url", FLEET.api().toString()));
    if (!args[0].equals("destroy")) {
      all.addAll(List.of("--etcd-url", FLEET.etcd().toString()));
    }
    return withJar(
        () -> CliRun.polling(Duration.ofMillis(250), cluster, all.toArray(String[]::new)));
  }

  /**
   * Runs {@code action} with the demo jar on the context class path, where the deploy client reads
   * its resources.
   */
  private static <T> T withJar(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader withJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
      thread.setContextClassLoader(withJar);
      return action.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @AfterEach
  void destroyUnits() {
    CliRun destroy = units(demo(), "destroy");
    assertEquals(0, destroy.exitCode(), destroy.toString());
    assertNotNull(
        Eventually.within(WITHIN, () -> fleet.units().isEmpty() && fleet.states().isEmpty()),
        "fleet still has units: " + fleet.states());
  }

  @Test
  void submitThenStartSchedulesEveryGeneratedUnitAsItsMetadataSaysAndAgainChangesNothing() {
    ClusterDescriptor demo = demo();
    List<DeclaredUnit> declared = withJar(() -> DeclaredUnit.of(demo, List.of()));

    CliRun submit = units(demo, "submit");
    assertEquals(0, submit.exitCode(), submit.toString());
    Map<String, FleetUnit> submitted = byName(fleet.units());
    assertEquals(
        declared.stream().map(DeclaredUnit::name).collect(Collectors.toSet()), submitted.keySet());
    assertTrue(
        submitted.values().stream().allMatch(u -> u.desiredState().equals("inactive")),
        submitted.toString());
    try (EtcdConnection etcd = EtcdConnection.to(FLEET.etcd())) {
      assertTrue(
          etcd.get("/" + ConfigFiles.prefix("demo") + "patroni/web-db.yml").isPresent(),
          "submit stored the config files in the machines' etcd");
    }

    CliRun start = units(demo, "start");

    assertEquals(0, start.exitCode(), start + "\n" + FLEET.diagnostics());
    Map<String, FleetUnit> units = byName(fleet.units());
    for (DeclaredUnit unit : declared) {
      assertEquals(
          unit.template() ? "inactive" : "launched",
          units.get(unit.name()).desiredState(),
          unit.name());
      assertEquals(
          Set.copyOf(unit.options()), Set.copyOf(units.get(unit.name()).options()), unit.name());
      assertTrue(
          start.out().contains(unit.name()), "reported: " + unit.name() + "\n" + start.out());
    }
    // fleet places every instance: the pods by MachineMetadata, one per machine (Conflicts), the
    // rest on their pod's
    List<String> main = FLEET.machineIds("group", "main");
    List<String> workers = FLEET.machineIds("group", "workers");
    List<DeclaredUnit> instances = declared.stream().filter(u -> !u.template()).toList();
    assertNotNull(
        Eventually.within(
            WITHIN,
            () ->
                instances.stream()
                    .allMatch(u -> fleet.unit(u.name()).orElseThrow().machineID() != null)),
        "fleet placed every instance: " + fleet.units());
    Map<String, FleetUnit> placed = byName(fleet.units());
    for (DeclaredUnit unit : instances) {
      String machine = placed.get(unit.name()).machineID();
      Function<String, String> instance =
          value -> value.replace("%i", unit.name().replaceAll(".*@(.*)\\.service", "$1"));
      unit.option("X-Fleet", "MachineMetadata")
          .ifPresent(
              metadata ->
                  assertTrue(
                      (metadata.equals("group=main") ? main : workers).contains(machine),
                      unit.name() + " on " + machine));
      unit.option("X-Fleet", "MachineOf")
          .map(instance)
          .ifPresent(
              pod ->
                  assertEquals(
                      placed.get(pod).machineID(),
                      machine,
                      unit.name() + " on its pod " + pod + "'s machine"));
    }
    for (String pod : List.of("web-pod@", "web-db-pod@", "web-redis-pod@", "front-pod@")) {
      assertEquals(
          Set.copyOf(workers),
          Set.of(
              placed.get(pod + "1.service").machineID(), placed.get(pod + "2.service").machineID()),
          pod + " once on each workers machine");
    }
    // the pods start (ExecStart=/usr/bin/true) and stay up: active/exited
    assertNotNull(
        Eventually.within(
            WITHIN,
            () -> {
              Map<String, UnitState> states =
                  fleet.states().stream()
                      .collect(Collectors.toMap(UnitState::name, Function.identity(), (a, b) -> b));
              return instances.stream()
                  .filter(u -> u.name().contains("-pod@"))
                  .allMatch(
                      u ->
                          states.containsKey(u.name())
                              && "active/exited"
                                  .equals(
                                      states.get(u.name()).systemdActiveState()
                                          + "/"
                                          + states.get(u.name()).systemdSubState()));
            }),
        "every pod active/exited: " + fleet.states());

    CliRun again = units(demo, "start");

    assertEquals(0, again.exitCode(), again.toString());
    for (DeclaredUnit unit : declared) {
      assertTrue(
          again.out().contains(String.format("%-" + width(declared) + "s  unchanged", unit.name())),
          "fleet gives back the options it was given, so nothing is replaced: " + again.out());
    }
  }

  @Test
  void aUnitFleetRefusesIsNamedWithFleetsReason() {
    ClusterDescriptor pinned =
        TestClusters.oneUnit("pinned", "pinned.service", "deploy/units/pinned.service");

    CliRun start = units(pinned, "start");

    assertEquals(1, start.exitCode(), start.toString());
    assertTrue(start.err().startsWith("error: fleet refused PUT pinned.service: "), start.err());
    assertTrue(start.err().contains("MachineID cannot be used with Conflicts"), start.err());
    assertTrue(fleet.unit("pinned.service").isEmpty());
  }

  /**
   * A replacement fleet refuses leaves the unit fleet had. fleet checks a file only when it creates
   * a unit, so the client tries the new file under a name of its own first; it neither deletes the
   * unit first nor slips an invalid file past fleet by replacing.
   */
  @Test
  void aReplacementFleetRefusesKeepsTheUnitItHad() {
    Function<String, ClusterDescriptor> guarded =
        file -> TestClusters.oneUnit("guarded", "guarded.service", "deploy/real-fleet/" + file);
    try {
      CliRun first = units(guarded.apply("guarded.service"), "submit");
      assertEquals(0, first.exitCode(), first.toString());
      List<UnitOption> accepted = fleet.unit("guarded.service").orElseThrow().options();

      CliRun refused = units(guarded.apply("guarded.service.refused"), "submit");

      assertEquals(1, refused.exitCode(), refused.toString());
      assertTrue(
          refused
              .err()
              .startsWith(
                  "error: fleet refused PUT guarded.service (its new file, tried as "
                      + "dev-check-guarded.service; the unit is unchanged): "),
          refused.err());
      assertTrue(refused.err().contains("MachineID cannot be used with Conflicts"), refused.err());
      assertEquals(
          accepted,
          fleet.unit("guarded.service").orElseThrow().options(),
          "fleet still has the accepted file");
      assertEquals(
          List.of("guarded.service"),
          fleet.units().stream().map(FleetUnit::name).toList(),
          "no trial unit left");
    } finally {
      fleet.destroy("dev-check-guarded.service");
      fleet.destroy("guarded.service");
    }
  }

  private static int width(List<DeclaredUnit> units) {
    return Math.max(
        "UNIT".length(), units.stream().mapToInt(u -> u.name().length()).max().orElse(0));
  }

  private static Map<String, FleetUnit> byName(List<FleetUnit> units) {
    return units.stream()
        .collect(Collectors.toMap(FleetUnit::name, Function.identity(), (a, b) -> b));
  }
}
