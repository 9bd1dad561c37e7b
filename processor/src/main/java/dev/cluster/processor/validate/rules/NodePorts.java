package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.VolumePorts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ports a node group's machines use themselves, before any service (see NodeBootstrap and
 * IngressRules): sshd on every machine; on MAIN machines the etcd member's client and peer ports,
 * on WORKER and DATA machines the local etcd proxy's client port; fleet's API on machines that run
 * fleet; and the sync and REST ports of each synced volume's Syncthing ({@link VolumePorts}: 22000
 * and 8384 up).
 */
final class NodePorts {
  static final int SSH = 22;
  static final int ETCD_CLIENT = 2379;
  static final int ETCD_PEER = 2380;
  static final int FLEET_API = 49153;

  private NodePorts() {}

  /** {@code 2379/tcp -> "etcd's client port"}, for the machines of {@code group}. */
  static Map<String, String> reservedOn(ClusterModel model, NodeGroupSpec group) {
    Map<String, String> reserved = new LinkedHashMap<>();
    reserved.put(SSH + "/tcp", "sshd");
    if (group.role() == Role.MAIN) {
      reserved.put(ETCD_CLIENT + "/tcp", "etcd's client port");
      reserved.put(ETCD_PEER + "/tcp", "etcd's peer port");
    } else {
      reserved.put(ETCD_CLIENT + "/tcp", "the local etcd proxy");
    }
    if (group.role().runsFleet()) {
      reserved.put(FLEET_API + "/tcp", "fleet's API");
      for (VolumePorts volume : model.volumePortsOn(group)) {
        String owner = "the Syncthing of " + volume.service().name() + " " + volume.volume().path();
        reserved.put(volume.listen() + "/tcp", owner);
        reserved.put(volume.gui() + "/tcp", owner + " (its REST API)");
      }
    }
    return reserved;
  }
}
