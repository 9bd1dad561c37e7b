package dev.cluster.team;

import dev.cluster.annotations.DataEngine;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Service;

/** MongoDB as our production systems run it: a replica set of one member on each DATA machine. */
@Service(
    image = "dev-cluster/mongodb:7.0.14",
    runsOn = DataNodes.class,
    ports = @Port(value = 27017, name = "mongo"),
    name = "mongodb")
@DataEngine(DataEngine.Kind.MONGODB)
public class MongoDb {}
