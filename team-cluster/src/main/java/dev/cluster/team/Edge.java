package dev.cluster.team;

import dev.cluster.annotations.NodeGroup;
import dev.cluster.annotations.Role;

/**
 * The front door's own machines: nginx and the sign-in gateway. Apart from the other services, the
 * apps' ports open to these machines only (the processor opens a port only to the groups of its
 * users), and the gateway's signing key is readable by this group's role alone, so no process on a
 * worker can sign itself in as anyone.
 */
@NodeGroup(
    role = Role.WORKER,
    min = 2,
    max = 3,
    instanceTypes = {"m6i.large", "m6a.large", "m7i.large"})
public class Edge {}
