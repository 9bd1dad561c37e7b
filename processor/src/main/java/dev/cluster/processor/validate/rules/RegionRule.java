package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.validate.Rule;
import java.util.regex.Pattern;

/**
 * The deploy client talks to this region and the zones are read against it: it must look like one.
 */
public final class RegionRule implements Rule {
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+");

  @Override
  public String tag() {
    return "region";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    ClusterSpec cluster = model.cluster();
    if (!isRegion(cluster.region())) {
      problems.error(
          cluster.origin(),
          "region",
          "region = \""
              + cluster.region()
              + "\" is not an AWS region name: write it like \"us-west-2\" or \"eu-central-1\"");
    }
  }

  static boolean isRegion(String region) {
    return REGION.matcher(region).matches();
  }
}
