package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.regex.Pattern;

/**
 * The health check GETs {@code http://<address>:<port><path>}: the path starts with '/' and has no
 * spaces.
 */
public final class HealthPathRule implements Rule {
  private static final Pattern PATH = Pattern.compile("/\\S*");

  @Override
  public String tag() {
    return "health-path";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      service
          .health()
          .filter(health -> !PATH.matcher(health.path()).matches())
          .ifPresent(
              health ->
                  problems.error(
                      service.originOf("Health"),
                      "path",
                      "path = \""
                          + health.path()
                          + "\" of service "
                          + service.name()
                          + "'s @Health is not a URL path: start it with '/' and leave out spaces, e.g."
                          + " \"/healthz\""));
    }
  }
}
