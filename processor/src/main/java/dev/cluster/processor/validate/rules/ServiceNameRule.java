package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A service's name is the stem of its fleet units ({@code <name>@.service}, letters, digits and
 * {@code : _ . @ -}), the DNS label its instances register under, and the prefix of its variables:
 * both forms must accept it. A derived database ({@code <app>-db}) is checked only when its app's
 * name passes, so one bad name gives one error.
 */
public final class ServiceNameRule implements Rule {
  @Override
  public String tag() {
    return "service-name";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() == ServiceKind.APP) {
        if (!isValid(service.name())) {
          problems.error(
              service.origin(),
              "name",
              "the service name \""
                  + service.name()
                  + "\" of "
                  + References.simpleName(service.id())
                  + " is not a valid fleet unit name and DNS label: write "
                  + NameChecks.DNS_LABEL_FORM
                  + " in name, or rename the class");
        }
      } else if (!isValid(service.name()) && ownerIsValid(model, service)) {
        problems.error(
            service.origin(),
            "",
            "the derived service name \""
                + service.name()
                + "\" is "
                + service.name().length()
                + " characters long but must be "
                + NameChecks.DNS_LABEL_FORM
                + "; shorten the name of its service");
      }
    }
  }

  private static boolean isValid(String name) {
    return NameChecks.namesFleetUnits(name) && NameChecks.isDnsLabel(name);
  }

  private static boolean ownerIsValid(ClusterModel model, ServiceSpec derived) {
    String ownerId = derived.id().substring(0, derived.id().indexOf('#'));
    return model.service(ownerId).map(owner -> isValid(owner.name())).orElse(false);
  }
}
