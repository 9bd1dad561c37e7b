package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * Each class in {@code uses} gets an ambassador, so it must be a {@code @Service} of the same
 * cluster.
 */
public final class UsesServiceRule implements Rule {
  @Override
  public String tag() {
    return "uses";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() != ServiceKind.APP) {
        continue;
      }
      List<String> uses = service.uses();
      for (int i = 0; i < uses.size(); i++) {
        if (model.service(uses.get(i)).isEmpty()) {
          problems.error(
              service.origin(),
              "uses[" + i + "]",
              "uses["
                  + i
                  + "] = "
                  + References.classLiteral(uses.get(i))
                  + " but "
                  + uses.get(i)
                  + " is not a @Service of cluster "
                  + model.cluster().name()
                  + "; list only service classes of package "
                  + model.cluster().packageName());
        }
      }
    }
  }

  /**
   * Whether every service the service uses resolves: rules about used services pass over it
   * otherwise.
   */
  static boolean allResolve(ClusterModel model, ServiceSpec service) {
    return service.uses().stream().allMatch(id -> model.service(id).isPresent());
  }
}
