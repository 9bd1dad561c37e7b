package ${package};

import dev.cluster.annotations.Health;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Public;
import dev.cluster.annotations.Service;

/**
 * The example app: one page, built from containers/web/ (its Containerfile), on two machines of {@link Workers},
 * open to the internet on port 80. It uses {@link Cache}: an ambassador in each of its pods leads to the cache,
 * given to the app as {@code CACHE_HOST} and {@code CACHE_PORT}, and the cache's port opens to the machines
 * of {@link Workers} only. Replace the image with your own app, or add a class like this one per app.
 */
@Service(
    image = "dev-cluster/web:0.1.0",
    replicas = 2,
    runsOn = Workers.class,
    ports = @Port(value = 80, name = "http"),
    uses = Cache.class)
@Public(reason = "the example page is served to the internet")
@Health(path = "/")
public class Web {}
