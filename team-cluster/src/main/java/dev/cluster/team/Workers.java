package dev.cluster.team;

import dev.cluster.annotations.NodeGroup;
import dev.cluster.annotations.Role;

/** Where most services run; grows and shrinks with the load. */
@NodeGroup(
    role = Role.WORKER,
    min = 3,
    max = 6,
    instanceTypes = {"m6i.xlarge", "m6a.xlarge", "m7i.xlarge"})
public class Workers {}
