package dev.cluster.processor.generate.nodes;

import dev.cluster.processor.generate.services.ElasticsearchConfig;
import dev.cluster.processor.generate.template.SnapshotBucket;
import dev.cluster.processor.generate.template.TemplateGenerator;
import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.generate.units.DataNodeUnit;
import dev.cluster.processor.generate.units.UnitImage;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.DataEngineKind;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.TeamImage;
import dev.cluster.processor.naming.TemplateParameterNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each role's machines run before any fleet unit: MAIN machines an etcd member (v2 API on), a
 * timer that snapshots etcd to S3 every 15 minutes (and {@code /opt/bin/etcd-restore}, which brings
 * etcd back from one), and fleet; WORKER machines fleet and a local etcd proxy to the MAIN
 * machines; DATA machines the same local etcd proxy, their group's peers (for the engines'
 * discovery, {@code DataPeers}) and their group's services as plain systemd units, each with its
 * presence, so that their users' ambassadors find them in etcd like any other service. MAIN
 * machines find each other from their EC2 tags, so the cluster depends on no public discovery
 * service. When the cluster runs images the project builds, every machine knows its registry
 * ({@link UnitImage#REGISTRY_ENV}) and has the unit that logs docker in to it. Every machine tells
 * CloudFormation when it works ({@link ReadySignal}).
 */
public final class NodeBootstrap {
  private static final String DOCKER = "/usr/bin/docker";

  /** The values only the deployed stack knows (its parameters), for the units that need them. */
  public static final String STACK_ENV = "/etc/cluster/stack.env";

  /** The snapshot bucket's name, which only the deployed stack knows. */
  public static final String SNAPSHOT_ENV = "/etc/cluster/snapshots.env";

  /** How often the MAIN machines' etcd leader uploads a snapshot. */
  public static final String SNAPSHOT_SCHEDULE = "*:0/15";

  private NodeBootstrap() {}

  public static NodeSetup forGroup(ClusterModel model, NodeGroupSpec group) {
    List<NodeFile> files = new ArrayList<>();
    List<SystemdUnit> units = new ArrayList<>();
    String cluster = model.cluster().name();
    files.add(clusterEnv(cluster));
    files.add(new NodeFile("/opt/bin/cluster-peers", 0755, resource("cluster-peers.sh")));
    units.add(clusterPeers(group));
    if (group.role() != Role.MAIN) {
      files.add(new NodeFile("/opt/bin/etcd-proxy-config", 0755, resource("etcd-proxy-config.sh")));
    }
    units.add(group.role() == Role.MAIN ? etcdMember(cluster) : etcdProxy());
    if (group.role().runsFleet()) {
      if (!model.frontDoors().isEmpty()) {
        files.add(
            new NodeFile(
                STACK_ENV,
                0644,
                "HOSTED_ZONE_ID=" + StackRef.to(TemplateParameterNames.HOSTED_ZONE) + "\n"));
      }
      files.add(new NodeFile("/opt/bin/install-fleet", 0755, resource("install-fleet.sh")));
      if (group.role() == Role.MAIN && SnapshotBucket.wanted(model)) {
        files.add(
            new NodeFile(
                SNAPSHOT_ENV,
                0644,
                "SNAPSHOT_BUCKET=" + StackRef.to(SnapshotBucket.LOGICAL_ID) + "\n"));
        files.add(new NodeFile("/opt/bin/etcd-snapshot", 0755, resource("etcd-snapshot.sh")));
        files.add(new NodeFile("/opt/bin/etcd-restore", 0755, resource("etcd-restore.sh")));
        units.add(etcdSnapshot(cluster));
        units.add(etcdSnapshotTimer());
      }
      units.add(installFleet());
      units.add(fleetSocket());
      units.add(fleet(group));
    } else {
      for (ServiceSpec service : model.servicesOn(group)) {
        units.addAll(DataNodeUnit.of(model, service));
        if (service.dataEngine().equals(Optional.of(DataEngineKind.ELASTICSEARCH))) {
          files.add(
              new NodeFile(ElasticsearchConfig.SYSCTL_FILE, 0644, ElasticsearchConfig.SYSCTL));
        }
      }
    }
    if (!model.teamImages().isEmpty()) {
      files.add(
          new NodeFile(
              UnitImage.REGISTRY_ENV,
              0644,
              String.join(
                      "\n",
                      TeamImage.REGISTRY_VARIABLE
                          + "="
                          + StackRef.to("AWS::AccountId")
                          + ".dkr.ecr."
                          + StackRef.to("AWS::Region")
                          + "."
                          + StackRef.to("AWS::URLSuffix"),
                      "CLUSTER_REGION=" + StackRef.to("AWS::Region"))
                  + "\n"));
      files.add(new NodeFile("/opt/bin/ecr-login", 0755, resource("ecr-login.sh")));
      units.add(ecrLogin(cluster));
    }
    files.add(ReadySignal.signalEnv(TemplateGenerator.scalingGroupId(group)));
    files.add(ReadySignal.script());
    units.add(ReadySignal.unit(model, group));
    MachineAccounts.addTo(model, files, units);
    return new NodeSetup(files, units);
  }

  /**
   * Started by every unit that pulls one of the project's images ({@code Wants=}), before its pull.
   */
  private static SystemdUnit ecrLogin(String cluster) {
    return SystemdUnit.builder(UnitImage.LOGIN_UNIT)
        .section("Unit")
        .add(
            "Description",
            "Log docker in to cluster " + cluster + "'s image registry (ECR) with a fresh token")
        .add("Wants", "network-online.target")
        .add("Requires", "docker.service")
        .add("After", "network-online.target docker.service")
        .section("Service")
        .add("Type", "oneshot")
        .add("EnvironmentFile", "/etc/cluster/cluster.env")
        .add("EnvironmentFile", UnitImage.REGISTRY_ENV)
        .add("ExecStart", "/opt/bin/ecr-login")
        .add("TimeoutStartSec", "300")
        .build();
  }

  private static NodeFile clusterEnv(String cluster) {
    return new NodeFile(
        "/etc/cluster/cluster.env",
        0644,
        String.join(
                "\n",
                "CLUSTER=" + cluster,
                "ETCD_IMAGE=" + NodeVersions.ETCD_IMAGE,
                "AWS_CLI_IMAGE=" + NodeVersions.AWS_CLI_IMAGE,
                "FLEET_URL=" + NodeVersions.FLEET_URL)
            + "\n");
  }

  private static SystemdUnit clusterPeers(NodeGroupSpec group) {
    String args =
        switch (group.role()) {
          case MAIN -> "main " + group.size();
          case WORKER -> "worker";
          case DATA -> "data " + group.size() + " " + group.name();
        };
    return SystemdUnit.builder("cluster-peers.service")
        .section("Unit")
        .add("Description", "Find this cluster's etcd members from the MAIN group's instances")
        .add("Wants", "network-online.target")
        .add("Requires", "docker.service")
        .add("After", "network-online.target docker.service")
        .section("Service")
        .add("Type", "oneshot")
        .add("RemainAfterExit", "yes")
        .add("EnvironmentFile", "/etc/cluster/cluster.env")
        .add("ExecStart", "/opt/bin/cluster-peers " + args)
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build();
  }

  private static SystemdUnit etcdMember(String cluster) {
    return SystemdUnit.builder("etcd-member.service")
        .section("Unit")
        .add(
            "Description",
            "etcd member of cluster " + cluster + ", with the v2 API that fleet needs")
        .add("Requires", "cluster-peers.service docker.service")
        .add("After", "cluster-peers.service docker.service")
        .section("Service")
        .add("EnvironmentFile", "/etc/cluster/cluster.env")
        .add("EnvironmentFile", "/run/cluster/etcd.env")
        .add("ExecStartPre", "-" + DOCKER + " rm -f etcd-member")
        .add(
            "ExecStart",
            DOCKER
                + " run --rm --name etcd-member --net=host -v /var/lib/etcd:/var/lib/etcd"
                + " ${ETCD_IMAGE} /usr/local/bin/etcd --name=${ETCD_NAME} --data-dir=/var/lib/etcd"
                + " --enable-v2=true --listen-client-urls=http://0.0.0.0:2379"
                + " --advertise-client-urls=http://${PRIVATE_IP}:2379 --listen-peer-urls=http://0.0.0.0:2380"
                + " --initial-advertise-peer-urls=http://${PRIVATE_IP}:2380"
                + " --initial-cluster=${ETCD_INITIAL_CLUSTER}"
                + " --initial-cluster-state=${ETCD_INITIAL_CLUSTER_STATE} --initial-cluster-token="
                + cluster)
        .add("ExecStop", DOCKER + " stop etcd-member")
        .add("Restart", "always")
        .add("RestartSec", "5")
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build();
  }

  private static SystemdUnit etcdSnapshot(String cluster) {
    return SystemdUnit.builder("etcd-snapshot.service")
        .section("Unit")
        .add(
            "Description",
            "Snapshot of cluster "
                + cluster
                + "'s etcd (v3 and fleet's v2 keys) to S3, taken by the leader")
        .add("Requires", "docker.service")
        .add("After", "etcd-member.service docker.service")
        .section("Service")
        .add("Type", "oneshot")
        .add("EnvironmentFile", "/etc/cluster/cluster.env")
        .add("EnvironmentFile", SNAPSHOT_ENV)
        .add("ExecStart", "/opt/bin/etcd-snapshot")
        .add("TimeoutStartSec", "10min")
        .build();
  }

  private static SystemdUnit etcdSnapshotTimer() {
    return SystemdUnit.builder("etcd-snapshot.timer")
        .section("Unit")
        .add("Description", "Snapshot etcd to S3 every 15 minutes")
        .section("Timer")
        .add("OnCalendar", SNAPSHOT_SCHEDULE)
        .add("RandomizedDelaySec", "60")
        .add("Unit", "etcd-snapshot.service")
        .section("Install")
        .add("WantedBy", "timers.target")
        .build();
  }

  private static SystemdUnit etcdProxy() {
    return SystemdUnit.builder("etcd-proxy.service")
        .section("Unit")
        .add("Description", "Local etcd endpoint forwarding to the MAIN machines' etcd members")
        .add("Requires", "cluster-peers.service docker.service")
        .add("After", "cluster-peers.service docker.service")
        .section("Service")
        .add("ExecStartPre", "-" + DOCKER + " rm -f etcd-proxy")
        .add(
            "ExecStart",
            DOCKER
                + " run --rm --name etcd-proxy --net=host"
                + " -v /run/cluster/etcd-proxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro "
                + NodeVersions.HAPROXY_IMAGE)
        .add("ExecStop", DOCKER + " stop etcd-proxy")
        .add("Restart", "always")
        .add("RestartSec", "5")
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build();
  }

  private static SystemdUnit installFleet() {
    return SystemdUnit.builder("install-fleet.service")
        .section("Unit")
        .add("Description", "Install fleet, which Flatcar does not ship")
        .add("Wants", "network-online.target")
        .add("After", "network-online.target")
        .section("Service")
        .add("Type", "oneshot")
        .add("RemainAfterExit", "yes")
        .add("EnvironmentFile", "/etc/cluster/cluster.env")
        .add("ExecStart", "/opt/bin/install-fleet")
        .build();
  }

  private static SystemdUnit fleetSocket() {
    return SystemdUnit.builder("fleet.socket")
        .section("Unit")
        .add("Description", "fleet's API, on loopback only (reached through an SSH tunnel)")
        .section("Socket")
        .add("ListenStream", "/var/run/fleet.sock")
        .add("ListenStream", "127.0.0.1:" + NodeVersions.FLEET_API_PORT)
        .section("Install")
        .add("WantedBy", "sockets.target")
        .build();
  }

  private static SystemdUnit fleet(NodeGroupSpec group) {
    String etcdUnit = group.role() == Role.MAIN ? "etcd-member.service" : "etcd-proxy.service";
    return SystemdUnit.builder("fleet.service")
        .section("Unit")
        .add(
            "Description",
            "fleet, scheduling the cluster's units onto " + group.name() + " machines")
        .add("Requires", "install-fleet.service fleet.socket " + etcdUnit)
        .add("After", "install-fleet.service fleet.socket " + etcdUnit)
        .section("Service")
        .add("EnvironmentFile", "/run/cluster/node.env")
        .add("Environment", "FLEET_ETCD_SERVERS=http://127.0.0.1:2379")
        .add(
            "Environment",
            "FLEET_METADATA=role="
                + group.role().name().toLowerCase(java.util.Locale.ROOT)
                + ",group="
                + group.name())
        .add("ExecStart", "/opt/bin/fleetd")
        .add("Restart", "always")
        .add("RestartSec", "10")
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build();
  }

  private static String resource(String name) {
    return NodeResources.read(name);
  }
}
