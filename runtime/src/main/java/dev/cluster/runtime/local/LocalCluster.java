package dev.cluster.runtime.local;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.images.PushedImages;
import dev.cluster.runtime.local.BootRoots.BootRoot;
import dev.cluster.runtime.local.aws.LocalAwsMain;
import dev.cluster.runtime.local.aws.LocalInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cluster on this one machine, from the same generated outputs as on AWS: a podman network, the
 * AWS stand-in and per node group a few machines (podman containers with systemd and docker), each
 * booted from its group's user data and config object by real Ignition. See runtime/README-local.md
 * for the seams where AWS is stood in for.
 */
public final class LocalCluster {
  private static final Duration POLL = Duration.ofSeconds(3);
  private static final String MACHINE_IMAGES = "/var/lib/local-machine/images";

  private final ClusterDescriptor cluster;
  private final LocalSettings settings;
  private final Console console;
  private final Podman podman = new Podman();

  public LocalCluster(ClusterDescriptor cluster, LocalSettings settings, Console console) {
    this.cluster = cluster;
    this.settings = settings;
    this.console = console;
  }

  private LocalNames names() {
    return settings.names();
  }

  /**
   * Creates what is missing, starts what is stopped, pushes the images the units of {@code
   * services} pull into the local registry, waits until etcd and fleet formed; returns where things
   * are.
   */
  public String up(List<String> services) {
    requireTools();
    LocalImages images = LocalImages.ensure(podman, settings.containers(), console);
    Path state = createDirectories(names().stateDirectory());
    if (!podman.networkExists(names().network())) {
      console.info("Creating podman network " + names().network());
      // No name server on the network, nor in the containers: a name the machines look up (an AWS
      // service's) must fail at once instead of reaching the host's resolver.
      podman.check(
          "network", "create", "--disable-dns", "--label", names().label(), names().network());
    }
    Set<String> groups =
        settings.shape().machines().entrySet().stream()
            .filter(group -> group.getValue() > 0)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    console.info("Applying the boot of node groups " + groups + " with Ignition");
    Map<String, BootRoot> roots = BootRoots.apply(cluster, groups, state.resolve("ignition"));
    MachinePlan plan =
        MachinePlan.of(
            cluster.name(),
            names(),
            settings.shape(),
            cluster.nodeGroups(),
            podman.subnet(names().network()),
            roots.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, root -> root.getValue().zones())));
    Path imagesDir = saveStandInImages(images, roots.values(), state.resolve("images"));
    LocalEcr ecr = new LocalEcr(podman, names(), console);
    ecr.startRegistry(images, plan);
    startAwsStandIn(images, plan, state);
    RunnableServices here = pushImages(ecr, services, plan);
    String registryName = LocalEcr.registryName(roots.values());
    for (LocalInstance machine : plan.machines()) {
      startMachine(
          images, machine, roots.get(machine.group()), plan, imagesDir, state, registryName);
    }
    int fleetMachines =
        (int)
            plan.machines().stream()
                .filter(machine -> roots.get(machine.group()).runsFleet())
                .count();
    awaitFormed(plan.inRole("main"), fleetMachines);
    List<String> runnable = here.runnable();
    if (!runnable.isEmpty()) {
      LocalInstance main = plan.inRole("main").get(0);
      console.info("Starting the units of " + runnable + " through fleet on " + main.name());
      try (var secrets = LocalAwsClients.secretsManager(plan, cluster.defaultRegion())) {
        new LocalUnits(console)
            .start(
                cluster,
                runnable,
                URI.create(
                    "http://" + main.privateIp() + ":" + fleetApiPort(roots.get(main.group()))),
                URI.create("http://" + main.privateIp() + ":2379"),
                secrets,
                settings.timeout());
      }
    }
    return where(plan, here);
  }

  /**
   * Pushes each service's images into the local registry; returns which services run here. A
   * service whose node group has no machine here ({@code --machines GROUP=0}), or whose image
   * cannot be built here (an upstream base out of reach, a build that fails), is left out, saying
   * so: its units are not submitted.
   */
  private RunnableServices pushImages(LocalEcr ecr, List<String> services, MachinePlan plan) {
    RunnableServices here =
        RunnableServices.placeable(cluster.services(), services, settings.shape());
    here.notRunnable().forEach((service, reason) -> console.info(service + ": " + reason));
    for (String service : here.runnable()) {
      try {
        ecr.push(
            cluster,
            PushedImages.pulledBy(cluster, List.of(service)),
            plan,
            settings.containers(),
            LocalImages.teamBaseOptions(podman, names()));
      } catch (DeployException e) {
        here = here.without(service, RunnableServices.IMAGE_NOT_BUILT);
        console.info(
            service + ": " + RunnableServices.IMAGE_NOT_BUILT + " (" + e.getMessage() + ")");
      }
    }
    return here;
  }

  /** The TCP port of fleet's API on the machine's loopback, as its boot's fleet.socket listens. */
  private static int fleetApiPort(BootRoot root) {
    java.util.regex.Matcher port =
        java.util.regex.Pattern.compile("(?m)^ListenStream=127\\.0\\.0\\.1:(\\d+)$")
            .matcher(read(root.root().resolve("etc/systemd/system/fleet.socket")));
    if (!port.find()) {
      throw new DeployException(
          "the MAIN machines' fleet.socket listens on no TCP port of 127.0.0.1");
    }
    return Integer.parseInt(port.group(1));
  }

  private void requireTools() {
    if (!podman.run("--version").ok()) {
      throw new DeployException(
          "podman is needed for the local cluster (scripts/podman-setup.sh installs it)");
    }
    if (!Ignition.installed()) {
      throw new DeployException(
          "Debian's ignition package is needed to boot the machines (apt-get install ignition)");
    }
    for (String binary : List.of("fleetd", "fleetctl")) {
      if (!Files.isExecutable(settings.fleetDirectory().resolve(binary))) {
        throw new DeployException(
            "no "
                + binary
                + " in "
                + settings.fleetDirectory()
                + ": pass --fleet-dir DIR (or set "
                + LocalSettings.FLEET_DIR_VARIABLE
                + ") with fleet 1.0.0's fleetd and fleetctl");
      }
    }
  }

  /**
   * Each stand-in image that some boot file runs, as a file the machines load into their docker
   * (read-only, shared by all); saved again only when the image changed.
   */
  private Path saveStandInImages(
      LocalImages images, java.util.Collection<BootRoot> roots, Path dir) {
    createDirectories(dir);
    for (StandInImage standIn : StandInImage.ALL) {
      if (upstreamNames(standIn, roots).isEmpty()) {
        continue;
      }
      Path file = dir.resolve(standIn.folder() + ".tar");
      String image = images.image(standIn.folder());
      String id = podman.check("image", "inspect", "--format", "{{.Id}}", image).strip();
      Path idFile = dir.resolve(standIn.folder() + ".id");
      if (!Files.exists(file) || !read(idFile).equals(id)) {
        console.info("Saving " + image + " for the machines' docker");
        podman.check("save", "--format", "docker-archive", "-o", file + ".new", image);
        move(Path.of(file + ".new"), file);
        write(idFile, id);
      }
    }
    return dir;
  }

  /**
   * The machine's list for local-images-load: "FILE LOCAL_NAME UPSTREAM_NAME" for each image its
   * group's boot files run.
   */
  private static String imagesList(LocalImages images, BootRoot root) {
    StringBuilder list = new StringBuilder();
    for (StandInImage standIn : StandInImage.ALL) {
      for (String upstream : upstreamNames(standIn, List.of(root))) {
        list.append(standIn.folder())
            .append(".tar ")
            .append(images.image(standIn.folder()))
            .append(' ')
            .append(upstream)
            .append('\n');
      }
    }
    return list.toString();
  }

  /**
   * The {@code repository:tag} names of {@code standIn}'s upstream image that any boot file names.
   */
  private static List<String> upstreamNames(
      StandInImage standIn, java.util.Collection<BootRoot> roots) {
    java.util.regex.Pattern reference =
        java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(standIn.upstreamRepository()) + ":[A-Za-z0-9._-]+");
    Set<String> names = new java.util.TreeSet<>();
    for (BootRoot root : roots) {
      try (Stream<Path> files = Files.walk(root.root())) {
        files
            .filter(Files::isRegularFile)
            .forEach(
                file -> {
                  java.util.regex.Matcher found = reference.matcher(read(file));
                  while (found.find()) {
                    names.add(found.group());
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(names);
  }

  private void startAwsStandIn(LocalImages images, MachinePlan plan, Path state) {
    Path machinesFile = state.resolve("aws-machines.tsv");
    Path secretsFile = state.resolve("secrets").resolve("secrets.properties");
    LocalSecrets.Seed seed =
        LocalSecrets.seed(
            cluster.secrets(), LocalSecrets.read(secretsFile), settings.secretsFile());
    seed.notes().forEach(console::info);
    boolean changed =
        !read(machinesFile).equals(plan.machinesFile())
            || !LocalSecrets.read(secretsFile).equals(seed.values());
    write(machinesFile, plan.machinesFile());
    LocalSecrets.write(seed.values(), secretsFile);
    String name = names().awsStandIn();
    if (changed && podman.containerExists(name)) {
      podman.check("rm", "-f", "-t", "5", name);
    }
    if (!podman.containerExists(name)) {
      console.info("Starting the AWS stand-in " + name + " at " + plan.awsStandIn());
      List<String> run =
          new ArrayList<>(
              List.of(
                  "run",
                  "-d",
                  "--name",
                  name,
                  "--label",
                  names().label(),
                  "--network",
                  names().network(),
                  "--ip",
                  plan.awsStandIn(),
                  "--dns=none",
                  "-v",
                  machinesFile + ":/opt/local/machines:ro",
                  "-v",
                  secretsFile + ":/opt/local/secrets.properties:ro"));
      List<String> classPath = new ArrayList<>();
      for (Path code : standInCode()) {
        String inside =
            "/opt/local/code/" + classPath.size() + (Files.isDirectory(code) ? "" : ".jar");
        run.addAll(List.of("-v", code + ":" + inside + ":ro"));
        classPath.add(inside);
      }
      // The whole command line, whatever entry point an older build of the image has.
      run.addAll(
          List.of(
              "--entrypoint",
              "java",
              images.image(LocalImages.AWS),
              "-XX:+UseSerialGC",
              "-Xmx96m",
              "-cp",
              String.join(":", classPath),
              LocalAwsMain.class.getName(),
              "/opt/local/machines",
              "/opt/local/secrets.properties",
              LocalEcr.registryUrl(plan).toString()));
      podman.check(run.toArray(String[]::new));
    } else if (!podman.running(name)) {
      podman.check("start", name);
    }
  }

  /**
   * Where the stand-in's classes are: the runtime's and Jackson's (one jar, team-cluster.jar, when
   * run from it; the classes folder and Maven's jars in the tests).
   */
  private static Set<Path> standInCode() {
    Set<Path> code = new java.util.LinkedHashSet<>();
    for (Class<?> type :
        List.of(
            LocalAwsMain.class,
            com.fasterxml.jackson.databind.ObjectMapper.class,
            com.fasterxml.jackson.core.JsonFactory.class,
            com.fasterxml.jackson.annotation.JsonInclude.class)) {
      try {
        code.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return code;
  }

  private void startMachine(
      LocalImages images,
      LocalInstance machine,
      BootRoot root,
      MachinePlan plan,
      Path imagesDir,
      Path state,
      String registryName) {
    if (podman.containerExists(machine.name())) {
      if (!podman.running(machine.name())) {
        console.info("Starting machine " + machine.name());
        podman.check("start", machine.name());
      }
      return;
    }
    console.info(
        "Creating machine "
            + machine.name()
            + " ("
            + machine.group()
            + ", "
            + machine.privateIp()
            + ")");
    podman.check(
        "create",
        "--name",
        machine.name(),
        "--hostname",
        machine.name(),
        "--label",
        names().label(),
        "--network",
        names().network(),
        "--ip",
        machine.privateIp(),
        "--dns=none",
        "--privileged",
        "--systemd=always",
        "--cgroupns=host",
        "-v",
        "/sys/fs/cgroup:/sys/fs/cgroup:rw",
        "-v",
        imagesDir + ":" + MACHINE_IMAGES + ":ro",
        "--add-host",
        registryName + ":" + plan.registry(),
        images.image(LocalImages.MACHINE));
    try {
      podman.copyInto(root.root(), machine.name());
      podman.copyInto(
          machineFiles(
              machine,
              root,
              plan,
              imagesList(images, root),
              registryName,
              state.resolve("machines").resolve(machine.name())),
          machine.name());
      podman.check("start", machine.name());
    } catch (RuntimeException e) {
      // A machine that missed its boot files must not be started as it is by the next `local up`.
      podman.run("rm", "-f", "-t", "0", machine.name());
      throw e;
    }
  }

  /**
   * What only this machine has: its machine id, the stand-in's endpoints, the images its docker
   * loads, docker's settings for the local registry, fleet where install-fleet puts it, and on a
   * MAIN machine fleet's API on its address.
   */
  private Path machineFiles(
      LocalInstance machine,
      BootRoot root,
      MachinePlan plan,
      String imagesList,
      String registryName,
      Path dir) {
    write(dir.resolve("etc/machine-id"), MachinePlan.machineId(machine) + "\n");
    write(
        dir.resolve("etc/resolv.conf"),
        "# no name server: the local machines resolve no names (AWS's are stood in for by address)\n");
    write(dir.resolve("etc/local-machine/images.list"), imagesList);
    String endpoint = "http://" + plan.awsStandIn() + ":" + LocalAwsMain.API_PORT;
    write(
        dir.resolve("etc/local-machine/aws.env"),
        "AWS_STAND_IN_METADATA="
            + plan.awsStandIn()
            + ":"
            + LocalAwsMain.METADATA_PORT
            + "\n"
            + "AWS_ENDPOINT_URL_EC2="
            + endpoint
            + "\n"
            + "AWS_ENDPOINT_URL_CLOUDFORMATION="
            + endpoint
            + "\n"
            + "AWS_ENDPOINT_URL_SECRETS_MANAGER=http://"
            + plan.awsStandIn()
            + ":"
            + LocalAwsMain.SECRETS_PORT
            + "\n"
            + "AWS_ENDPOINT_URL_ECR="
            + LocalAwsClients.ecrEndpoint(plan)
            + "\n");
    write(dir.resolve("etc/docker/daemon.json"), LocalEcr.daemonJson(registryName));
    if (machine.role().equals("main") && root.runsFleet()) {
      // fleet's API on the machine's own address too: `local up` reaches it over the network, where
      // the deploy client uses an SSH tunnel to 127.0.0.1.
      write(
          dir.resolve("etc/systemd/system/fleet.socket.d/50-local-api.conf"),
          "[Socket]\nListenStream=" + machine.privateIp() + ":" + fleetApiPort(root) + "\n");
    }
    for (String binary : List.of("fleetd", "fleetctl")) {
      Path target = createDirectories(dir.resolve("opt/bin")).resolve(binary);
      try {
        Files.copy(
            settings.fleetDirectory().resolve(binary), target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      target.toFile().setExecutable(true, false);
    }
    return dir;
  }

  private void awaitFormed(List<LocalInstance> mains, int fleetMachines) {
    ClusterReadiness readiness = new ClusterReadiness(podman);
    ProgressPoll.until(
        console,
        settings.timeout(),
        POLL,
        () -> {
          ClusterReadiness.Look look = readiness.look(mains);
          return new ProgressPoll.Look(
              look.summary(mains.size(), fleetMachines),
              look.healthyMembers().size() == mains.size()
                  && look.fleetMachines().size() == fleetMachines);
        },
        summary ->
            new DeployException(
                "the local cluster did not form within "
                    + settings.timeout().toSeconds()
                    + " s ("
                    + summary
                    + "); failed units:\n"
                    + failedUnits()
                    + "`local status` shows the machines, `local down` removes them"));
  }

  private String failedUnits() {
    StringBuilder failed = new StringBuilder();
    for (String machine : podman.containersLabelled(names().label())) {
      ProcessRunner.Result units =
          podman.exec(machine, "systemctl", "--failed", "--no-legend", "--plain");
      failed
          .append("  ")
          .append(machine)
          .append(": ")
          .append(units.ok() ? units.output().strip().replace("\n", "; ") : "(not running)")
          .append('\n');
    }
    return failed.toString();
  }

  private String where(MachinePlan plan, RunnableServices here) {
    StringBuilder text =
        new StringBuilder(
            "Local cluster "
                + cluster.name()
                + " is up (prefix "
                + names().prefix()
                + ", network "
                + names().network()
                + "):\n");
    for (LocalInstance machine : plan.machines()) {
      text.append(
          String.format(
              "  %-28s %-12s %-15s %s%n",
              machine.name(), machine.group(), machine.privateIp(), machine.instanceId()));
    }
    List<LocalInstance> mains = plan.inRole("main");
    text.append("etcd: ")
        .append(
            mains.stream()
                .map(main -> "http://" + main.privateIp() + ":2379")
                .collect(Collectors.joining(",")))
        .append('\n');
    if (!mains.isEmpty()) {
      text.append("fleet: podman exec ")
          .append(mains.get(0).name())
          .append(" /opt/bin/fleetctl list-units\n");
    }
    text.append("AWS stand-in: ")
        .append(names().awsStandIn())
        .append(" at ")
        .append(plan.awsStandIn())
        .append(
            " (instance metadata, EC2 DescribeInstances, CloudFormation SignalResource; Secrets Manager at http://")
        .append(plan.awsStandIn())
        .append(':')
        .append(LocalAwsMain.SECRETS_PORT)
        .append(", ECR at ")
        .append(LocalAwsClients.ecrEndpoint(plan))
        .append(")\n");
    text.append("image registry: ")
        .append(names().registry())
        .append(" at ")
        .append(LocalEcr.registryUrl(plan))
        .append('\n');
    text.append(FrontDoorRoutes.text(cluster.services(), here.runnable(), plan.machines()));
    text.append("services running: ")
        .append(here.runnable().isEmpty() ? "none" : String.join(", ", here.runnable()))
        .append('\n');
    if (!here.notRunnable().isEmpty()) {
      text.append("services left out:\n").append(here.notRunnableLines());
    }
    text.append("local status shows them; local down removes everything\n");
    return text.toString();
  }

  /** The machines and, while fleet answers, its machines and units. */
  public String status() {
    List<String> containers = podman.containersLabelled(names().label());
    if (containers.isEmpty()) {
      return "No local cluster with prefix " + names().prefix() + " (local up creates one)\n";
    }
    StringBuilder text =
        new StringBuilder(
            "Local cluster " + cluster.name() + " (prefix " + names().prefix() + "):\n");
    text.append(
        podman.check(
            "ps",
            "-a",
            "--filter",
            "label=" + names().label(),
            "--format",
            "  {{.Names}}\t{{.State}}\t{{.Networks}}"));
    ClusterReadiness readiness = new ClusterReadiness(podman);
    String main =
        containers.stream()
            .filter(name -> name.startsWith(names().prefix() + mainGroup() + "-"))
            .sorted()
            .filter(podman::running)
            .findFirst()
            .orElse(null);
    List<String> machines = main == null ? List.of() : readiness.fleetMachines(main);
    if (machines.isEmpty()) {
      text.append("fleet: not answering\n");
    } else {
      text.append("fleet machines:\n");
      machines.forEach(line -> text.append("  ").append(line).append('\n'));
      List<String> units = readiness.fleetUnits(main);
      text.append("fleet units: ").append(units.isEmpty() ? "none\n" : "\n");
      units.forEach(line -> text.append("  ").append(line).append('\n'));
    }
    return text.toString();
  }

  private String mainGroup() {
    return cluster.nodeGroups().stream()
        .filter(group -> group.role().equals("MAIN"))
        .map(NodeGroupInfo::name)
        .findFirst()
        .orElse("main");
  }

  /**
   * Removes every container and the network of the prefix, and what the cluster kept on this
   * machine.
   */
  public String down() {
    List<String> containers = podman.containersLabelled(names().label());
    if (!containers.isEmpty()) {
      console.info("Removing " + String.join(", ", containers));
      removeContainers(containers);
    }
    boolean network = podman.networkExists(names().network());
    if (network) {
      podman.check("network", "rm", names().network());
    }
    deleteTree(names().stateDirectory());
    return containers.isEmpty() && !network
        ? "Nothing to remove for prefix " + names().prefix() + "\n"
        : "Removed "
            + containers.size()
            + " containers"
            + (network ? " and network " + names().network() : "")
            + "\n";
  }

  /**
   * Removes the containers, first giving each 10 s to stop. A machine that stops by itself while
   * podman kills it makes podman fail that one ("container state improper: stopped"), so whatever
   * is left is removed once more, killed at once; only a container that survives both is an error.
   */
  private void removeContainers(List<String> containers) {
    ProcessRunner.Result graceful =
        podman.run(concat(List.of("rm", "-f", "-v", "-t", "10"), containers));
    if (graceful.ok()) {
      return;
    }
    List<String> left = podman.containersLabelled(names().label());
    if (left.isEmpty()) {
      return;
    }
    ProcessRunner.Result forced = podman.run(concat(List.of("rm", "-f", "-v", "-t", "0"), left));
    List<String> survivors = podman.containersLabelled(names().label());
    if (!survivors.isEmpty()) {
      throw new DeployException(
          "podman could not remove "
              + String.join(", ", survivors)
              + ": "
              + graceful.all().strip()
              + "\n"
              + forced.all().strip());
    }
  }

  private static String[] concat(List<String> head, List<String> tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(tail);
    return all.toArray(String[]::new);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
