package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;

/**
 * The front door admits members of the groups in {@code allow}: each must be a {@code @Group}
 * class.
 */
public final class RouteAllowRule implements RouteRule {
  @Override
  public String tag() {
    return "route-allow";
  }

  @Override
  public void check(ClusterModel model, ServiceSpec service, RouteSpec route, Problems problems) {
    List<String> allow = route.allow();
    for (int i = 0; i < allow.size(); i++) {
      if (model.group(allow.get(i)).isEmpty()) {
        problems.error(
            route.origin(),
            "allow[" + i + "]",
            "allow["
                + i
                + "] = "
                + References.classLiteral(allow.get(i))
                + " but "
                + allow.get(i)
                + " is not a @Group of cluster "
                + model.cluster().name()
                + "; name @Group classes, or leave allow empty to admit every"
                + " signed-in user");
      }
    }
  }
}
