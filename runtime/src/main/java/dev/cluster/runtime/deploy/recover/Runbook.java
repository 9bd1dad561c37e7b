package dev.cluster.runtime.deploy.recover;

import java.util.List;

/**
 * The steps that bring a cluster back from an etcd snapshot when every etcd member is lost, each step
 * commands to paste, in order. Steps 3 (stop) must have run on every MAIN machine before step 4: the
 * machines then agree on the new member list, computed from the MAIN group's EC2 tags as at first boot.
 */
public record Runbook(List<Step> steps) {
    /** How the runbook names this deploy client in its own commands. */
    public static final String CLIENT = "DEPLOY";

    /**
     * @param where    "workstation", "each MAIN machine" (over ssh core@IP) ...
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

    public static Runbook of(String cluster, String stack, String region, String bucket, Snapshot snapshot, int mainSize) {
        String file = snapshot.fileName();
        return new Runbook(List.of(
                new Step("Find the MAIN machines (public and private IPs)", "workstation", List.of(
                        "aws ec2 describe-instances --region " + region
                                + " --filters Name=tag:dev-cluster:cluster,Values=" + cluster
                                + " Name=tag:dev-cluster:role,Values=main Name=instance-state-name,Values=running"
                                + " --query 'Reservations[].Instances[].[InstanceId,PublicIpAddress,PrivateIpAddress]' --output text")),
                new Step("Download the snapshot and copy it to every MAIN machine", "workstation", List.of(
                        "aws s3 cp s3://" + bucket + "/" + snapshot.key() + " ./" + file + " --region " + region,
                        "for ip in MAIN_PUBLIC_IPS; do scp ./" + file + " core@$ip:/tmp/etcd-snapshot.tar.gz; done")),
                new Step("Stop the snapshot timer, fleet and etcd (on every MAIN machine before step 4)", "each MAIN machine: ssh core@IP",
                        List.of("sudo systemctl stop etcd-snapshot.timer fleet.service etcd-member.service")),
                new Step("Agree on the new member list and restore the v3 snapshot into a fresh data dir", "each MAIN machine",
                        List.of("sudo bash -c 'set -a; . /etc/cluster/cluster.env; /opt/bin/cluster-peers main " + mainSize + "'",
                                "tar -C /tmp -xzf /tmp/etcd-snapshot.tar.gz etcd-v3.db",
                                "sudo mv /var/lib/etcd /var/lib/etcd.before-restore-$(date +%s)",
                                "sudo bash -c 'set -a; . /etc/cluster/cluster.env; . /run/cluster/etcd.env;"
                                        + " docker run --rm -v /var/lib:/var/lib -v /tmp/etcd-v3.db:/etcd-v3.db:ro \"$ETCD_IMAGE\""
                                        + " etcdutl snapshot restore /etcd-v3.db --data-dir /var/lib/etcd --name \"$ETCD_NAME\""
                                        + " --initial-cluster \"$ETCD_INITIAL_CLUSTER\" --initial-advertise-peer-urls \"http://$PRIVATE_IP:2380\""
                                        + " --initial-cluster-token " + cluster + "'")),
                new Step("Start etcd, then check that every member is healthy", "each MAIN machine", List.of(
                        "sudo systemctl start etcd-member.service",
                        "docker exec etcd-member etcdctl endpoint health --cluster")),
                new Step("Start fleet and the snapshot timer again (fleet on WORKER machines re-registers by itself)",
                        "each MAIN machine", List.of("sudo systemctl start fleet.service etcd-snapshot.timer")),
                new Step("Resubmit every unit as declared: a v3 snapshot does not hold fleet's v2 keys", "workstation", List.of(
                        CLIENT + " recover --stack " + stack + " --region " + region + " --snapshot-bucket " + bucket
                                + " --snapshot " + snapshot.key() + " --tunnel core@MAIN_PUBLIC_IP")),
                new Step("Only if units were submitted by hand (not declared in the jar): fleet's keys at snapshot time",
                        "workstation", List.of(
                        "tar -xzf ./" + file + " fleet-v2.json",
                        "grep -o '\"key\":\"/_coreos.com/fleet/job/[^/\"]*' fleet-v2.json | sort -u"))));
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            text.append(i + 1).append(". ").append(step.title()).append(" [").append(step.where()).append("]\n");
            step.commands().forEach(command -> text.append("     ").append(command).append('\n'));
        }
        return text.toString();
    }
}
