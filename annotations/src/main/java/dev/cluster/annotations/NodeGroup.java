package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a group of machines. Services name it with {@link Service#runsOn()}.
 *
 * <p>Generates, in the template: an {@code AWS::EC2::LaunchTemplate} (IMDSv2 only, detailed
 * monitoring, encrypted root volume, the role's user data), an {@code
 * AWS::AutoScaling::AutoScalingGroup} over the cluster's three zones with a mixed-instances policy
 * of {@link #instanceTypes()}, a security group whose ingress is derived from the services that run
 * on the group and the services they use, and an IAM role and instance profile with only the
 * permissions those services need.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface NodeGroup {
  /** What the machines do; decides etcd, fleet and how the group scales. */
  Role role();

  /**
   * The EC2 instance types the group may launch, most preferred first, e.g. {@code {"m6i.large",
   * "m6a.large"}}. More than one lets the group launch when one type is short in a zone.
   */
  String[] instanceTypes();

  /**
   * The fixed number of machines of a MAIN (3 to 9, odd) or DATA group; unused for WORKER groups.
   */
  int size() default 0;

  /** A WORKER group's fewest machines; unused for MAIN and DATA groups. */
  int min() default 0;

  /** A WORKER group's most machines; unused for MAIN and DATA groups. */
  int max() default 0;

  /** Size of each machine's encrypted root volume, in GiB. */
  int diskGb() default 50;

  /**
   * The group's name; defaults to the class's simple name in kebab case ({@code DataNodes ->
   * data-nodes}).
   */
  String name() default "";
}
