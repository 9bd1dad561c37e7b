package dev.cluster.team;

import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Postgres;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/** The team's wiki: its pages in its own Postgres, its uploads on a synced volume. */
@Service(
    image = "dev-cluster/mediawiki:1.39",
    replicas = 2,
    runsOn = Workers.class,
    ports = @Port(value = 8081, name = "http"),
    name = "wiki")
@Postgres
@BtsyncVolume(path = "/var/lib/mediawiki/images")
@Route(subdomain = "wiki")
public class MediaWiki {}
