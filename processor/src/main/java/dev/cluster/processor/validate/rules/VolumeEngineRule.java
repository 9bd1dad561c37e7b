package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.validate.Rule;

/**
 * The runtime's {@code volume} agent syncs with Syncthing only (runtime/README.md): a volume asking
 * for btsync/Resilio would generate a unit no agent can run.
 */
public final class VolumeEngineRule implements Rule {
  @Override
  public String tag() {
    return "volume-engine";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      for (VolumeSpec volume : service.volumes()) {
        if (volume.engine() != VolumeSpec.SyncEngine.SYNCTHING) {
          problems.error(
              volume.origin(),
              "engine",
              "engine = BTSYNC of volume "
                  + volume.path()
                  + " of service "
                  + service.name()
                  + ": btsync/Resilio is not supported by the runtime's volume agent; use SYNCTHING"
                  + " (the default)");
        }
      }
    }
  }
}
