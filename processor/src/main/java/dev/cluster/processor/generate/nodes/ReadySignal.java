package dev.cluster.processor.generate.nodes;

import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.generate.units.DataNodeUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Every new machine tells CloudFormation whether it works ({@code /opt/bin/ready-signal}, a oneshot
 * at boot), and its autoscaling group's creation and rolling update wait for that signal and roll
 * back without it: a MAIN machine when its etcd member is healthy and a started member of the
 * cluster (so a member that fails to join stops the update before the next replacement can cost the
 * quorum); a WORKER machine when its fleet registered in etcd; a DATA machine when etcd answers
 * through its local proxy and each of its services with ports announced itself there. The machine's
 * check gives up after {@link #readyWithin}, shorter than the group's {@link #signalTimeout}, so
 * that a FAILURE arrives before CloudFormation counts a missing signal.
 */
public final class ReadySignal {
  /** The stack name and the autoscaling group's logical id, which the signal names. */
  public static final String SIGNAL_ENV = "/etc/cluster/signal.env";

  public static final String UNIT = "ready-signal.service";

  private ReadySignal() {}

  /**
   * How long a machine of {@code role} checks before it gives up: MAIN machines pull etcd and join
   * in a minute or two; WORKER machines also download fleet; DATA machines pull their engines'
   * images, which are large.
   */
  public static Duration readyWithin(Role role) {
    return switch (role) {
      case MAIN, WORKER -> Duration.ofMinutes(10);
      case DATA -> Duration.ofMinutes(15);
    };
  }

  /**
   * What the group's CreationPolicy and rolling update wait for each signal: the check, plus the
   * boot before it.
   */
  public static Duration signalTimeout(Role role) {
    return readyWithin(role).plusMinutes(5);
  }

  static NodeFile signalEnv(String scalingGroupLogicalId) {
    return new NodeFile(
        SIGNAL_ENV,
        0644,
        String.join(
                "\n",
                "STACK_NAME=" + StackRef.to("AWS::StackName"),
                "SIGNAL_RESOURCE=" + scalingGroupLogicalId)
            + "\n");
  }

  static NodeFile script() {
    return new NodeFile("/opt/bin/ready-signal", 0755, NodeResources.read("ready-signal.sh"));
  }

  static SystemdUnit unit(ClusterModel model, NodeGroupSpec group) {
    String mode = group.role().name().toLowerCase(Locale.ROOT);
    String checked =
        switch (group.role()) {
          case MAIN -> "etcd-member.service";
          case WORKER -> "fleet.service";
          case DATA -> DataNodeUnit.ETCD_PROXY;
        };
    String what =
        switch (group.role()) {
          case MAIN -> "this machine's etcd member is healthy and joined the cluster";
          case WORKER -> "this machine's fleet registered in etcd";
          case DATA -> "this machine's services announced themselves in etcd";
        };
    List<String> services =
        group.role() == Role.DATA
            ? model.servicesOn(group).stream()
                .filter(s -> !s.ports().isEmpty())
                .map(ServiceSpec::name)
                .toList()
            : List.of();
    String arguments = services.isEmpty() ? mode : mode + " " + String.join(" ", services);
    return SystemdUnit.builder(UNIT)
        .section("Unit")
        .add(
            "Description",
            "Tell CloudFormation whether "
                + what
                + " (the group's creation and rolling updates wait for it)")
        .add("Wants", "network-online.target " + checked)
        .add("Requires", "docker.service")
        .add("After", "network-online.target docker.service cluster-peers.service " + checked)
        .section("Service")
        .add("Type", "oneshot")
        .add("RemainAfterExit", "yes")
        .add("EnvironmentFile", "/etc/cluster/cluster.env")
        .add("EnvironmentFile", SIGNAL_ENV)
        .add("Environment", "READY_WITHIN=" + readyWithin(group.role()).toSeconds())
        .add("ExecStart", "/opt/bin/ready-signal " + arguments)
        // The check's bound, plus pulling the etcd and AWS CLI images and sending the signal.
        .add(
            "TimeoutStartSec", String.valueOf(readyWithin(group.role()).plusMinutes(3).toSeconds()))
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build();
  }
}
