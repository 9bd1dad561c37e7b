package dev.cluster.team;

import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.FrontDoor;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Public;
import dev.cluster.annotations.Service;

/**
 * The front door: routes review.dev.example.com and the other routed services, and keeps DNS on
 * itself. It runs on the {@link Edge} machines, so the routed apps' ports open to those alone. Its
 * replicas share Let's Encrypt's certificate of dev.example.com and *.dev.example.com through a
 * synced volume; replica 1 renews it (containers/front-door).
 */
@Service(
    image = "dev-cluster/front-door:1.22",
    replicas = 2,
    runsOn = Edge.class,
    ports = {@Port(value = 80, name = "http"), @Port(value = 443, name = "https")})
@Public(reason = "the front door: every routed service is reached through it")
@FrontDoor
@BtsyncVolume(path = "/etc/letsencrypt")
public class Nginx {}
