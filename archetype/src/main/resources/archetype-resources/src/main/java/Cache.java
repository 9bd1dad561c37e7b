package ${package};

import dev.cluster.annotations.Port;
import dev.cluster.annotations.Service;

/** The app's cache: the framework's Redis image, reached by the services that use it, and by no one else. */
@Service(image = "dev-cluster/redis:7.0", runsOn = Workers.class, ports = @Port(value = 6379, name = "redis"))
public class Cache {}
