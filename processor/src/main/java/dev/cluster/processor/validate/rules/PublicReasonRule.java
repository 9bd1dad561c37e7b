package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A service that faces the internet itself bypasses the front door's sign-in; the reason is written
 * into the security group rule so whoever reviews the account sees why. A blank reason says
 * nothing.
 */
public final class PublicReasonRule implements Rule {
  @Override
  public String tag() {
    return "public-reason";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.publicReason().filter(String::isBlank).isPresent()) {
        problems.error(
            service.originOf("Public"),
            "reason",
            "@Public(reason) of service "
                + service.name()
                + " is blank; say why it faces the internet itself instead of a @Route through the @FrontDoor,"
                + " e.g. reason = \"git clients push over HTTPS\"");
      }
    }
  }
}
