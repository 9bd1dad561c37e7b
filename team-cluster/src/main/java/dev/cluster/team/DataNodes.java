package dev.cluster.team;

import dev.cluster.annotations.NodeGroup;
import dev.cluster.annotations.Role;

/** Dedicated machines for the data engines, sized by hand. */
@NodeGroup(
    role = Role.DATA,
    size = 3,
    diskGb = 200,
    instanceTypes = {"r6i.large", "r6a.large", "r7i.large"})
public class DataNodes {}
