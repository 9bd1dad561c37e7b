package dev.cluster.runtime.deploy.chaos;

import java.util.List;

/** A node group's autoscaling group as DescribeAutoScalingGroups reports it. */
record ScalingGroup(String name, int desiredCapacity, List<Member> instances) {
  ScalingGroup {
    instances = List.copyOf(instances);
  }

  /** One instance of the group: its id and lifecycle state (Pending, InService, Terminating...). */
  record Member(String instanceId, String lifecycleState) {
    boolean inService() {
      return "InService".equals(lifecycleState);
    }
  }

  List<String> inService() {
    return instances.stream().filter(Member::inService).map(Member::instanceId).toList();
  }
}
