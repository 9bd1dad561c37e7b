package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code @Route(openPaths)} become nginx prefix locations that skip the sign-in: each must be a
 * path prefix ({@code /d/}: starting and ending with {@code /}) of plain URL characters, so nothing
 * reaches nginx's configuration but a path, and never {@code /} itself, which would open the whole
 * service.
 */
public final class RouteOpenPathsRule implements RouteRule {
  private static final String FORM =
      "a path prefix that starts and ends with /, of letters, digits and - . _ ~ /";

  @Override
  public String tag() {
    return "route-open-paths";
  }

  @Override
  public void check(ClusterModel model, ServiceSpec service, RouteSpec route, Problems problems) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < route.openPaths().size(); i++) {
      String path = route.openPaths().get(i);
      String at = "openPaths[" + i + "]";
      if (path.equals("/")) {
        problems.error(
            route.origin(),
            at,
            "openPaths = \"/\" of service "
                + service.name()
                + " would open all of it without a sign-in; name the prefixes that must be open, e.g. \"/d/\"");
      } else if (!path.matches("/[A-Za-z0-9._~/-]*/")) {
        problems.error(
            route.origin(),
            at,
            "openPaths = \"" + path + "\" of service " + service.name() + " must be " + FORM);
      } else if (!seen.add(path)) {
        problems.error(
            route.origin(),
            at,
            "openPaths = \"" + path + "\" of service " + service.name() + " is listed twice");
      }
    }
  }
}
