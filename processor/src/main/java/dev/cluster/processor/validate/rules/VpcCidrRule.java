package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.Cidr;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;
import java.util.Optional;

/**
 * The template carves one subnet per zone from the start of the VPC block, each {@value
 * #SUBNET_EXTRA_BITS} prefix bits longer (Network.subnetBlocks). AWS takes VPC blocks of /16 to /28
 * and subnets of /28 at the smallest, so the VPC prefix must be /16 to /24; then the three subnets
 * lie inside the VPC and apart by construction. A block outside the private ranges is a warning:
 * the cluster works, but it hides the internet hosts with those addresses from its machines.
 */
public final class VpcCidrRule implements Rule {
  static final int SUBNET_EXTRA_BITS = 4;
  static final int SHORTEST_PREFIX = 16;
  static final int SMALLEST_SUBNET_PREFIX = 28;
  static final int LONGEST_PREFIX = SMALLEST_SUBNET_PREFIX - SUBNET_EXTRA_BITS;
  private static final List<Cidr> PRIVATE_RANGES =
      List.of(
          Cidr.parse("10.0.0.0/8").orElseThrow(),
          Cidr.parse("172.16.0.0/12").orElseThrow(),
          Cidr.parse("192.168.0.0/16").orElseThrow());

  @Override
  public String tag() {
    return "vpc-cidr";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    ClusterSpec cluster = model.cluster();
    String text = cluster.vpcCidr();
    Optional<Cidr> parsed = Cidr.parse(text);
    if (parsed.isEmpty()) {
      problems.error(
          cluster.origin(),
          "vpcCidr",
          "vpcCidr = \""
              + text
              + "\" is not an IPv4 CIDR block"
              + " with no host bits set; write it like \"10.0.0.0/16\"");
      return;
    }
    Cidr vpc = parsed.get();
    if (vpc.prefix() < SHORTEST_PREFIX || vpc.prefix() > LONGEST_PREFIX) {
      problems.error(
          cluster.origin(),
          "vpcCidr",
          "vpcCidr = \""
              + text
              + "\" has prefix /"
              + vpc.prefix()
              + " but must have /"
              + SHORTEST_PREFIX
              + " to /"
              + LONGEST_PREFIX
              + ": AWS VPCs are /"
              + SHORTEST_PREFIX
              + " at the largest, and the template carves three /prefix+"
              + SUBNET_EXTRA_BITS
              + " subnets from it, which AWS allows down to /"
              + SMALLEST_SUBNET_PREFIX);
    } else if (PRIVATE_RANGES.stream().noneMatch(range -> range.contains(vpc))) {
      problems.warning(
          cluster.origin(),
          "vpcCidr",
          "vpcCidr = \""
              + text
              + "\" is not in a private range"
              + " (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): the machines could not reach the internet hosts"
              + " that have those addresses; choose a private block");
    }
  }
}
