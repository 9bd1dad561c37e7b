package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.validate.Rule;

/**
 * The root volume holds the Flatcar image (8 GiB) plus every container image and local volume; EBS
 * gp3 volumes go up to 16384 GiB. Outside that range the launch template fails at deploy.
 */
public final class DiskSizeRule implements Rule {
  static final int MIN_GB = 8;
  static final int MAX_GB = 16384;

  @Override
  public String tag() {
    return "disk-size";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      if (group.diskGb() < MIN_GB || group.diskGb() > MAX_GB) {
        problems.error(
            group.origin(),
            "diskGb",
            "diskGb = "
                + group.diskGb()
                + " but the root volume of node group "
                + group.name()
                + " must have "
                + MIN_GB
                + " to "
                + MAX_GB
                + " GiB (the OS image takes "
                + MIN_GB
                + ", EBS gp3 stops at "
                + MAX_GB
                + ")");
      }
    }
  }
}
