package dev.cluster.team;

import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.Elected;
import dev.cluster.annotations.Health;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Postgres;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/**
 * Code review. Its state is the git repositories (synced between the replicas) and its Postgres;
 * only the elected replica serves, the other is a warm standby with the repositories already in
 * place.
 */
@Service(
    image = "dev-cluster/gerrit:3.10.1",
    replicas = 2,
    runsOn = Workers.class,
    ports = {
      @Port(value = 8080, name = "http"),
      @Port(value = 29418, name = "ssh", openToParameter = "GitSshCidr")
    })
@Elected(ttlSeconds = 5)
@Postgres
@BtsyncVolume(path = "/data/git")
@Route(subdomain = "review", allow = Developers.class)
@Health(path = "/config/server/version")
public class Gerrit {}
