package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * {@code @DataEngine} configures a clustered store from the machines of its DATA group (discovery,
 * seeds, replica set): on a MAIN or WORKER group there is no fixed set of machines to configure it
 * from.
 */
public final class DataEngineRule implements Rule {
  private static final String DATA_ENGINE = "DataEngine";

  @Override
  public String tag() {
    return "data-engine";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (!service.annotationOrigins().containsKey(DATA_ENGINE)) {
        continue;
      }
      model
          .nodeGroup(service.runsOn())
          .filter(group -> group.role() != Role.DATA)
          .ifPresent(
              group ->
                  problems.error(
                      service.originOf(DATA_ENGINE),
                      "",
                      "@DataEngine on service "
                          + service.name()
                          + " configures the store from the machines of a DATA group, but it runs on "
                          + group.role()
                          + " node group "
                          + group.name()
                          + "; run it on a DATA group, or remove @DataEngine"));
    }
  }
}
