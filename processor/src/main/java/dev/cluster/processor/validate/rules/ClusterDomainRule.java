package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.validate.Rule;

/**
 * Routed services answer at {@code <subdomain>.<domain>}, so the domain must be a valid host name.
 */
public final class ClusterDomainRule implements Rule {
  @Override
  public String tag() {
    return "cluster-domain";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    ClusterSpec cluster = model.cluster();
    if (!NameChecks.isDomainName(cluster.domain())) {
      problems.error(
          cluster.origin(),
          "domain",
          "domain = \""
              + cluster.domain()
              + "\" is not a DNS name: write two or more labels separated by dots, each "
              + NameChecks.DNS_LABEL_FORM
              + ", e.g. \"dev.example.com\"");
    }
  }
}
