package ${package};

import dev.cluster.annotations.NodeGroup;
import dev.cluster.annotations.Role;

/** Where the services run; grows and shrinks with the load. */
@NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large", "m6a.large", "m7i.large"})
public class Workers {}
