package dev.cluster.team;

import dev.cluster.annotations.Health;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/** The team's noticeboard: one static page. Its image: containers/noticeboard/Containerfile. */
@Service(
    image = "dev-cluster/noticeboard:0.1.0",
    runsOn = Workers.class,
    ports = @Port(value = 8094, name = "http"))
@Route(allow = Developers.class)
@Health(path = "/")
public class Noticeboard {}
