package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a cluster: exactly one class per package carries it, and every node group, service,
 * secret and group in that package belongs to the cluster.
 *
 * <p>Generates the CloudFormation template {@code cluster/<name>/template.json} (VPC, one subnet
 * per zone, internet gateway and routes, and everything of each {@link NodeGroup}), the fleet units
 * under {@code cluster/<name>/units/}, the configs under {@code cluster/<name>/config/}, and the
 * typed deploy client class {@code <Name>Cluster} in the package of the annotated class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Cluster {
  /**
   * The cluster's name: a DNS label; names the stack, the tags of every resource and the output
   * folder.
   */
  String name();

  /**
   * The DNS domain the cluster serves; a routed service {@code wiki} answers at {@code
   * wiki.<domain>}.
   */
  String domain();

  /** The AWS region, e.g. {@code us-west-2}; the deploy client's default region. */
  String region();

  /**
   * Exactly three availability zones of {@link #region()}, e.g. {@code {"us-west-2a", "us-west-2b",
   * "us-west-2c"}}: one subnet each, and every autoscaling group spans all three.
   */
  String[] zones();

  /**
   * The VPC's IPv4 CIDR block. Each zone gets a subnet of the same size carved from its start (the
   * VPC prefix plus 4 bits, e.g. three /20 subnets of a /16).
   */
  String vpcCidr() default "10.0.0.0/16";

  /**
   * The AWS account's quota "Inbound or outbound rules per security group" (Amazon VPC, in Service
   * Quotas) in {@link #region()}: 60 unless raised. Each node group's security group gets one
   * inbound rule per source and run of consecutive ports it opens; the processor refuses a cluster
   * whose group would need more rules than this. Raise the quota with AWS first, then here; at most
   * 1000, since AWS keeps this quota times "Security groups per network interface" (5 by default)
   * at or below 1000.
   */
  int securityGroupRuleQuota() default 60;
}
