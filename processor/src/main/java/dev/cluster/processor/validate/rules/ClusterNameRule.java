package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.validate.Rule;

/**
 * The cluster's name names the CloudFormation stack (which must start with a letter), every
 * resource's tags, the secrets' prefix and the output folder: a DNS label that starts with a letter
 * fits them all.
 */
public final class ClusterNameRule implements Rule {
  @Override
  public String tag() {
    return "cluster-name";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    ClusterSpec cluster = model.cluster();
    String name = cluster.name();
    if (!NameChecks.isDnsLabel(name) || !Character.isLetter(name.charAt(0))) {
      problems.error(
          cluster.origin(),
          "name",
          "name = \""
              + name
              + "\" but the cluster's name must be "
              + NameChecks.DNS_LABEL_FORM
              + " that starts with a letter: it names the stack, its resources' tags"
              + " and the output folder");
    }
  }
}
