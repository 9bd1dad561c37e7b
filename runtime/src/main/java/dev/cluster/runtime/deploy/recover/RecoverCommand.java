package dev.cluster.runtime.deploy.recover;

import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.config.ConfigFile;
import dev.cluster.runtime.deploy.config.ConfigPush;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import dev.cluster.runtime.deploy.fleet.DesiredState;
import dev.cluster.runtime.deploy.fleet.FleetClient;
import dev.cluster.runtime.deploy.fleet.FleetConnection;
import dev.cluster.runtime.deploy.fleet.UnitAction;
import dev.cluster.runtime.deploy.fleet.UnitChange;
import dev.cluster.runtime.deploy.fleet.UnitOperations;
import dev.cluster.runtime.deploy.fleet.UnitsCommand;
import dev.cluster.runtime.deploy.fleet.UnitsReport;
import dev.cluster.runtime.deploy.stack.DeployCommand;
import dev.cluster.runtime.deploy.stack.StackTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * {@code recover}: the runbook for a cluster whose etcd members are all lost. Lists the cluster's
 * snapshots, picks one (the newest, or {@code --snapshot KEY}) after checking that it is this
 * cluster's, downloads it, prints the exact steps for the MAIN machines, and does the last one
 * itself when fleet is given: the config files stored in etcd again, every declared unit
 * resubmitted with its declared desired state (what {@code deploy} does to units), and the units
 * someone submitted by hand brought back from the snapshot's copy of fleet's keys, since those are
 * not in an etcd v3 snapshot.
 */
public final class RecoverCommand {
  /** The stack output naming the bucket, as the processor's template declares it. */
  public static final String BUCKET_OUTPUT = "EtcdSnapshotBucketName";

  private static final int LISTED = 10;

  private RecoverCommand() {}

  /**
   * @param fleetNote why the units were not resubmitted, or empty
   */
  public record RecoverReport(
      String cluster,
      String region,
      String bucket,
      List<Snapshot> snapshots,
      int moreSnapshots,
      Snapshot snapshot,
      String savedTo,
      Runbook runbook,
      List<UnitChange> units,
      String fleetNote)
      implements Report {
    @Override
    public String text() {
      StringBuilder text =
          new StringBuilder("Snapshots of cluster ")
              .append(cluster)
              .append(" in s3://")
              .append(bucket)
              .append('/')
              .append(cluster)
              .append("/ (newest first)\n");
      Table table = new Table("KEY", "SIZE", "TAKEN");
      snapshots.forEach(
          s -> table.row(s.key(), String.valueOf(s.size()), String.valueOf(s.lastModified())));
      text.append(table.render());
      if (moreSnapshots > 0) {
        text.append("  ... and ").append(moreSnapshots).append(" older\n");
      }
      text.append("\nRestoring ")
          .append(snapshot.key())
          .append(" (taken ")
          .append(snapshot.lastModified())
          .append("), saved to ")
          .append(savedTo)
          .append(". Run each step in order; ")
          .append(Runbook.CLIENT)
          .append(" is how you run this deploy client\n")
          .append("(e.g. java -jar ")
          .append(cluster)
          .append("-cluster.jar):\n\n");
      text.append(runbook.text()).append('\n');
      if (!fleetNote.isEmpty()) {
        return text.append("Units: ").append(fleetNote).append('\n').toString();
      }
      return text.append("Step ")
          .append(runbook.steps().size())
          .append(" done by this run:\n")
          .append(new UnitsReport("recover", units).text())
          .toString();
    }
  }

  public static int run(Request request) {
    List<DeclaredUnit> units = DeclaredUnit.of(request.cluster(), List.of());
    boolean withFleet = FleetConnection.given(request.invocation());
    List<ConfigFile> configs = withFleet ? UnitsCommand.requireEtcdFor(request) : List.of();
    Path directory = Path.of(request.invocation().value(Option.SNAPSHOT_DIR).orElse("."));
    if (!Files.isDirectory(directory)) {
      throw new UsageException("--snapshot-dir " + directory + " is not a directory");
    }
    int mainSize =
        request.cluster().nodeGroups().stream()
            .filter(g -> g.role().equals("MAIN"))
            .mapToInt(NodeGroupInfo::minSize)
            .findFirst()
            .orElse(1);
    String cluster = request.cluster().name();
    Duration timeout = UnitOperations.timeout(request.invocation());
    try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
      String region = aws.settings().region().id();
      String bucketName =
          request
              .invocation()
              .value(Option.SNAPSHOT_BUCKET)
              .orElseGet(() -> bucketFromStack(request, aws));
      SnapshotBucket bucket = new SnapshotBucket(aws.s3(), bucketName);
      List<Snapshot> snapshots = bucket.list(cluster);
      Optional<String> chosen = request.invocation().value(Option.SNAPSHOT);
      if (chosen.isEmpty() && snapshots.isEmpty()) {
        throw new DeployException(
            "no snapshots of cluster "
                + cluster
                + " in s3://"
                + bucketName
                + "/"
                + cluster
                + "/: the MAIN machines' etcd-snapshot.timer uploads one every 15 minutes once the stack runs");
      }
      Snapshot snapshot = bucket.require(cluster, chosen.orElseGet(() -> snapshots.get(0).key()));
      Path saved = directory.resolve(snapshot.fileName());
      bucket.download(snapshot.key(), saved);
      SnapshotArchive archive = new SnapshotArchive(saved);
      if (!archive.cluster().equals(cluster)) {
        throw new DeployException(
            "snapshot "
                + snapshot.key()
                + " holds cluster "
                + archive.cluster()
                + "'s etcd, not "
                + cluster
                + "'s; restoring it would bring back another cluster's units");
      }
      Runbook runbook =
          Runbook.of(
              cluster,
              request.stackName(),
              region,
              bucketName,
              snapshot,
              saved.toString(),
              mainSize);
      List<Snapshot> listed = snapshots.subList(0, Math.min(LISTED, snapshots.size()));
      int more = snapshots.size() - listed.size();
      if (!withFleet) {
        request
            .console()
            .result(
                new RecoverReport(
                    cluster,
                    region,
                    bucketName,
                    listed,
                    more,
                    snapshot,
                    saved.toString(),
                    runbook,
                    List.of(),
                    "not resubmitted: once etcd runs again, run the last step (this command with --tunnel or --fleet-url)"));
        return ExitCode.OK;
      }
      List<FleetRegistryExport.ExportedUnit> byHand =
          FleetRegistryExport.units(archive.fleetKeys()).stream()
              .filter(u -> units.stream().noneMatch(d -> d.name().equals(u.name())))
              .toList();
      try (FleetConnection fleet =
          FleetConnection.open(request.invocation(), request.console()).orElseThrow()) {
        if (!configs.isEmpty()) {
          ConfigPush.push(
              request.cluster(), configs, fleet.etcd().orElseThrow(), request.console());
        }
        request
            .console()
            .info(
                "Resubmitting "
                    + units.size()
                    + " units to fleet as declared, and "
                    + byHand.size()
                    + " submitted by hand from the snapshot");
        List<UnitChange> changes = new ArrayList<>(restoreByHand(fleet.client(), byHand));
        changes.addAll(new UnitOperations(fleet.client(), request.console(), timeout).start(units));
        request
            .console()
            .result(
                new RecoverReport(
                    cluster,
                    region,
                    bucketName,
                    listed,
                    more,
                    snapshot,
                    saved.toString(),
                    runbook,
                    changes,
                    ""));
      }
      return ExitCode.OK;
    }
  }

  /**
   * The snapshot's units that the jar does not declare, submitted with the state fleet had them in,
   * unless fleet has them already; {@code deploy} would stop them, {@code recover} brings back what
   * was there.
   */
  private static List<UnitChange> restoreByHand(
      FleetClient fleet, List<FleetRegistryExport.ExportedUnit> units) {
    List<UnitChange> changes = new ArrayList<>();
    for (FleetRegistryExport.ExportedUnit unit : units) {
      if (fleet.unit(unit.name()).isPresent()) {
        changes.add(new UnitChange(unit.name(), UnitAction.UNCHANGED));
      } else {
        fleet.create(unit.name(), unit.options(), unit.desiredState());
        changes.add(
            new UnitChange(
                unit.name(),
                unit.desiredState() == DesiredState.LAUNCHED
                    ? UnitAction.START
                    : UnitAction.SUBMIT));
      }
    }
    return changes;
  }

  private static String bucketFromStack(Request request, AwsClients aws) {
    StackTarget target = StackTarget.of(request, aws);
    Stack stack =
        target
            .stacks()
            .find(target.name())
            .orElseThrow(
                () ->
                    new DeployException(
                        "stack "
                            + target.name()
                            + " does not exist in "
                            + target.region()
                            + ", so it names no snapshot bucket: pass --snapshot-bucket BUCKET"));
    Map<String, String> outputs = DeployCommand.outputs(stack);
    String bucket = outputs.get(BUCKET_OUTPUT);
    if (bucket == null || bucket.isEmpty()) {
      throw new DeployException(
          "stack "
              + target.name()
              + " has no output "
              + BUCKET_OUTPUT
              + " (deployed before snapshots existed? run deploy): pass --snapshot-bucket BUCKET");
    }
    return bucket;
  }
}
