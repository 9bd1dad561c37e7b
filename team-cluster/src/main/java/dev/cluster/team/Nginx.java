package dev.cluster.team;

import dev.cluster.annotations.FrontDoor;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Public;
import dev.cluster.annotations.Service;

/** The front door: routes review.dev.example.com and the other routed services, and keeps DNS on itself. */
@Service(
    image = "dev-cluster/front-door:1.22",
    replicas = 3,
    runsOn = Workers.class,
    ports = {@Port(value = 80, name = "http"), @Port(value = 443, name = "https")})
@Public(reason = "the front door: every routed service is reached through it")
@FrontDoor
public class Nginx {}
