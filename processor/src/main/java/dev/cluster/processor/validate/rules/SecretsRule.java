package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * A secret is read from Secrets Manager under the name its {@code @Secret} class declares, and
 * deploy refuses to start units while a declared secret is missing: {@code secrets} must name
 * {@code @Secret} classes of the cluster, or the app would start without it.
 */
public final class SecretsRule implements Rule {
  @Override
  public String tag() {
    return "secrets";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() != ServiceKind.APP) {
        continue;
      }
      List<String> secrets = service.secrets();
      for (int i = 0; i < secrets.size(); i++) {
        if (model.secret(secrets.get(i)).isEmpty()) {
          problems.error(
              service.origin(),
              "secrets[" + i + "]",
              "secrets["
                  + i
                  + "] = "
                  + References.classLiteral(secrets.get(i))
                  + " but "
                  + secrets.get(i)
                  + " is not a @Secret of cluster "
                  + model.cluster().name()
                  + "; declare it with @Secret(description = ...) in package "
                  + model.cluster().packageName());
        }
      }
    }
  }
}
