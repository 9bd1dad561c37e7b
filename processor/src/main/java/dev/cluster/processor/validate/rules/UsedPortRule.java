package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * An ambassador forwards to the used service's first port: a used service without ports has none.
 */
public final class UsedPortRule implements Rule {
  @Override
  public String tag() {
    return "used-port";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() != ServiceKind.APP) {
        continue;
      }
      List<String> uses = service.uses();
      for (int i = 0; i < uses.size(); i++) {
        int index = i;
        model
            .service(uses.get(i))
            .filter(used -> used.ports().isEmpty())
            .ifPresent(
                used ->
                    problems.error(
                        service.origin(),
                        "uses[" + index + "]",
                        "uses["
                            + index
                            + "] = "
                            + References.classLiteral(used.id())
                            + " but service "
                            + used.name()
                            + " declares no port, so "
                            + service.name()
                            + "'s ambassador has nothing to forward to; give "
                            + used.name()
                            + " a @Port or remove it from uses"));
      }
    }
  }
}
