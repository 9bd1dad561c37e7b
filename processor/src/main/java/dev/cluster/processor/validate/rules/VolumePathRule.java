package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.validate.Rule;
import java.util.regex.Pattern;

/**
 * A synced volume is mounted at its path inside the container: the path must be absolute and
 * written plainly (no {@code .}, {@code ..}, empty segment or trailing slash), so two volumes can
 * be compared and the root itself is never synced.
 */
public final class VolumePathRule implements Rule {
  private static final Pattern PLAIN_ABSOLUTE = Pattern.compile("(/[^/\\s]+)+");

  @Override
  public String tag() {
    return "volume-path";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      for (VolumeSpec volume : service.volumes()) {
        if (!isPlainAbsolute(volume.path())) {
          problems.error(
              volume.origin(),
              "path",
              "path = \""
                  + volume.path()
                  + "\" of service "
                  + service.name()
                  + " must be an absolute path below / without '.', '..', '//' or a trailing '/', e.g. \"/data\"");
        }
      }
    }
  }

  static boolean isPlainAbsolute(String path) {
    if (!PLAIN_ABSOLUTE.matcher(path).matches()) {
      return false;
    }
    for (String segment : path.substring(1).split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
