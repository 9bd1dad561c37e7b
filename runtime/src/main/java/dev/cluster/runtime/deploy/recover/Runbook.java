package dev.cluster.runtime.deploy.recover;

import java.util.List;

/**
 * The steps that bring a cluster back from an etcd snapshot when every etcd member is lost, each
 * step commands to paste, in order. The machine side is one command, {@code /opt/bin/etcd-restore},
 * run on every MAIN machine at once: the machines agree on the new member list, computed from the
 * MAIN group's EC2 tags as at first boot, and each waits for the others before etcd serves again.
 */
public record Runbook(List<Step> steps) {
  /** How the runbook names this deploy client in its own commands. */
  public static final String CLIENT = "DEPLOY";

  /** Where the runbook puts the snapshot on each MAIN machine. */
  public static final String MACHINE_COPY = "/tmp/etcd-snapshot.tar.gz";

  /**
   * @param where "workstation", "each MAIN machine" (over ssh core@IP) ...
   * @param commands shell commands, in order
   */
  public record Step(String title, String where, List<String> commands) {
    public Step {
      commands = List.copyOf(commands);
    }
  }

  public Runbook {
    steps = List.copyOf(steps);
  }

  /**
   * @param saved where {@code recover} saved the snapshot on this workstation
   */
  public static Runbook of(
      String cluster,
      String stack,
      String region,
      String bucket,
      Snapshot snapshot,
      String saved,
      int mainSize) {
    return new Runbook(
        List.of(
            new Step(
                "Find the MAIN machines (public and private IPs)",
                "workstation",
                List.of(
                    "aws ec2 describe-instances --region "
                        + region
                        + " --filters Name=tag:dev-cluster:cluster,Values="
                        + cluster
                        + " Name=tag:dev-cluster:role,Values=main Name=instance-state-name,Values=running"
                        + " --query 'Reservations[].Instances[].[InstanceId,PublicIpAddress,PrivateIpAddress]' --output text")),
            new Step(
                "Copy the snapshot (saved by this command) to every MAIN machine",
                "workstation",
                List.of(
                    "for ip in MAIN_PUBLIC_IPS; do scp "
                        + saved
                        + " core@$ip:"
                        + MACHINE_COPY
                        + "; done")),
            new Step(
                "Restore etcd on every MAIN machine at once: each one refuses another cluster's snapshot, stops fleet and"
                    + " etcd, restores a new "
                    + mainSize
                    + "-member cluster, waits for the others, then starts etcd and fleet again",
                "workstation",
                List.of(
                    "for ip in MAIN_PUBLIC_IPS; do ssh core@$ip sudo /opt/bin/etcd-restore "
                        + MACHINE_COPY
                        + " "
                        + mainSize
                        + " & done; wait")),
            new Step(
                "Check that every member is healthy",
                "workstation",
                List.of(
                    "ssh core@MAIN_PUBLIC_IP docker exec etcd-member etcdctl endpoint health --cluster")),
            new Step(
                "Resubmit every unit: the jar's as declared, and from the snapshot the ones submitted by hand"
                    + " (a v3 snapshot does not hold fleet's v2 keys)",
                "workstation",
                List.of(
                    CLIENT
                        + " recover --stack "
                        + stack
                        + " --region "
                        + region
                        + " --snapshot-bucket "
                        + bucket
                        + " --snapshot "
                        + snapshot.key()
                        + " --tunnel core@MAIN_PUBLIC_IP"))));
  }

  public String text() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      text.append(i + 1)
          .append(". ")
          .append(step.title())
          .append(" [")
          .append(step.where())
          .append("]\n");
      step.commands().forEach(command -> text.append("     ").append(command).append('\n'));
    }
    return text.toString();
  }
}
