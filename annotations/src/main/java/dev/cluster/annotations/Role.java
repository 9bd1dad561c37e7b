package dev.cluster.annotations;

/** What the machines of a {@link NodeGroup} do, and so how their group scales. */
public enum Role {
  /**
   * Runs an etcd member and fleet. A fixed-size group of 3 to 9 machines (an odd number, as etcd's
   * quorum wants); the members find each other from the group's own instances.
   */
  MAIN,
  /**
   * Runs fleet and reaches etcd through a local proxy, with no etcd member. Grows and shrinks
   * between {@link NodeGroup#min()} and {@link NodeGroup#max()}.
   */
  WORKER,
  /**
   * Runs its services as plain systemd units started by the user data, one per machine, without
   * fleet (e.g. Elasticsearch data nodes). Sized by hand with {@link NodeGroup#size()}.
   */
  DATA
}
