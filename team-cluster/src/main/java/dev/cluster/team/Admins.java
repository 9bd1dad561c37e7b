package dev.cluster.team;

import dev.cluster.annotations.Group;

/** Who runs the cluster's machines: an account on every machine, with sudo and docker. */
@Group(
    description = "Run the cluster's machines",
    machineLogin = true,
    machineGroups = {"sudo", "docker"})
public class Admins {}
