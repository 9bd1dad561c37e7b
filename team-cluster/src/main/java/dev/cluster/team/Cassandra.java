package dev.cluster.team;

import dev.cluster.annotations.DataEngine;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Service;

/** Cassandra as our production systems run it: one node on each DATA machine. */
@Service(
    image = "dev-cluster/cassandra:4.1.7",
    runsOn = DataNodes.class,
    ports = {@Port(value = 9042, name = "cql"), @Port(value = 7000, name = "gossip")})
@DataEngine(DataEngine.Kind.CASSANDRA)
public class Cassandra {}
