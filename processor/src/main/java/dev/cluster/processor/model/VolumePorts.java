package dev.cluster.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The ports of one synced volume's Syncthing: the runtime's volume agent runs one Syncthing per
 * (service, volume) and replica, which listens for its peers on {@code listen} (the machine's
 * private address, TCP) and serves its REST API on {@code 127.0.0.1:gui}. Any two pods of a node
 * group can share a machine, so both are unique within the node group: counting up from {@link
 * #FIRST_LISTEN} and {@link #FIRST_GUI}, one each per volume, over the group's services in name
 * order and each one's volumes in the order it lists them. The fleet units and the template's
 * security group rules both take them from here.
 */
public record VolumePorts(ServiceSpec service, VolumeSpec volume, int listen, int gui) {
  /** Syncthing's default sync port. */
  public static final int FIRST_LISTEN = 22000;

  /** Syncthing's default GUI/REST port. */
  public static final int FIRST_GUI = 8384;

  static List<VolumePorts> on(ClusterModel model, NodeGroupSpec group) {
    List<VolumePorts> ports = new ArrayList<>();
    int next = 0;
    for (ServiceSpec service : model.servicesOn(group)) {
      for (VolumeSpec volume : service.volumes()) {
        ports.add(new VolumePorts(service, volume, FIRST_LISTEN + next, FIRST_GUI + next));
        next++;
      }
    }
    return List.copyOf(ports);
  }
}
