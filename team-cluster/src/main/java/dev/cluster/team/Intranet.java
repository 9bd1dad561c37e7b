package dev.cluster.team;

import dev.cluster.annotations.Elected;
import dev.cluster.annotations.MariaDb;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/**
 * The internal PHP application with its local MySQL database, now MariaDB run by the generic
 * election. Its image is the team's own, built from the application's repository, whose build
 * pushes it to the cluster's registry as team/intranet:2.4.1: nothing here builds it, which
 * unbuilt-image would warn about.
 */
@SuppressWarnings("unbuilt-image")
@Service(
    image = "dev-cluster/intranet:2.4.1",
    replicas = 2,
    runsOn = Workers.class,
    ports = @Port(value = 8082, name = "http"))
@Elected
@MariaDb
@Route(subdomain = "intranet", allow = Developers.class)
public class Intranet {}
