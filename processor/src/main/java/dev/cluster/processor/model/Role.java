package dev.cluster.processor.model;

/** Mirrors {@code dev.cluster.annotations.Role}, so generators need not load annotation types. */
public enum Role {
  MAIN,
  WORKER,
  DATA;

  /** Whether machines of this role run fleet (and so take fleet units). */
  public boolean runsFleet() {
    return this != DATA;
  }

  /** Whether machines of this role run an etcd member. */
  public boolean runsEtcdMember() {
    return this == MAIN;
  }
}
