package dev.cluster.team;

import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.Elected;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Postgres;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/**
 * Build automation. Its Windows workers live outside AWS and connect to port 9989 from their own
 * network, given at deploy time as BuildWorkerCidr, with the names and passwords of
 * BuildbotWorkers; the web UI goes through the front door. What it builds is the team's builders.py
 * on its synced volume.
 */
@Service(
    image = "dev-cluster/buildbot-master:3.7",
    replicas = 2,
    runsOn = Workers.class,
    ports = {
      @Port(value = 8010, name = "http"),
      @Port(value = 9989, name = "workers", openToParameter = "BuildWorkerCidr")
    },
    secrets = BuildbotWorkers.class)
@Elected
@Postgres
@BtsyncVolume(path = "/var/lib/buildbot")
@Route(subdomain = "ci", allow = Developers.class)
public class Buildbot {}
