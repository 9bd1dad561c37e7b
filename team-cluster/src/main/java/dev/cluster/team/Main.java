package dev.cluster.team;

import dev.cluster.annotations.NodeGroup;
import dev.cluster.annotations.Role;

/** Three machines run etcd and fleet: etcd keeps quorum with one lost. */
@NodeGroup(
    role = Role.MAIN,
    size = 3,
    instanceTypes = {"m6i.large", "m6a.large", "m7i.large"})
public class Main {}
