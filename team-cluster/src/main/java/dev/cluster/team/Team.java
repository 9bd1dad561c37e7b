package dev.cluster.team;

import dev.cluster.annotations.Cluster;

/** Our team's development cluster: every class of this package is part of it. */
@Cluster(
    name = "team",
    domain = "dev.example.com",
    region = "us-west-2",
    zones = {"us-west-2a", "us-west-2b", "us-west-2c"},
    vpcCidr = "10.20.0.0/16")
public class Team {}
