package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.validate.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Each synced volume is one synced folder with its own sync unit: two volumes of one service at the
 * same path, or one inside the other ({@code /data} and {@code /data/git}), would sync the same
 * files twice and fight over them. Reported on the later volume; paths [volume-path] rejects are
 * skipped.
 */
public final class VolumeOverlapRule implements Rule {
  @Override
  public String tag() {
    return "volume-overlap";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      List<VolumeSpec> earlier = new ArrayList<>();
      for (VolumeSpec volume : service.volumes()) {
        if (!VolumePathRule.isPlainAbsolute(volume.path())) {
          continue;
        }
        earlier.stream()
            .filter(e -> overlap(e.path(), volume.path()))
            .findFirst()
            .ifPresentOrElse(
                other ->
                    problems.error(
                        volume.origin(),
                        "path",
                        "path = \""
                            + volume.path()
                            + "\" "
                            + (other.path().equals(volume.path())
                                ? "is synced already by"
                                : "overlaps")
                            + " volume "
                            + other.path()
                            + " of service "
                            + service.name()
                            + "; one synced folder cannot hold another: keep only the outer one"),
                () -> earlier.add(volume));
      }
    }
  }

  private static boolean overlap(String a, String b) {
    return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
  }
}
