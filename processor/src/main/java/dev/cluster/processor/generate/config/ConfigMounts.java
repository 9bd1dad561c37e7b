package dev.cluster.processor.generate.config;

import dev.cluster.processor.generate.config.frontdoor.FrontDoorGenerator;
import dev.cluster.processor.generate.services.ServiceConfigFile;
import dev.cluster.processor.generate.services.ServiceConfigs;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated config files a service's own container reads, and where: its unit fetches each from
 * etcd with {@code config-get} just before the container starts and mounts it read-only at {@link
 * ConfigMount#inContainer()}. A Postgres member reads its Patroni YAML, the identity provider its
 * realm (imported at start), the front door its server blocks, an API proxy its APIs, an app or
 * data engine its own configuration ({@link ServiceConfigs}: Gerrit's, MediaWiki's, Buildbot's, the
 * data engines' files).
 */
public final class ConfigMounts {
  public static final String PATRONI = "/etc/patroni/patroni.yml";
  static final String KEYCLOAK_IMPORT = "/opt/keycloak/data/import/";
  static final String NGINX_CONF_D = "/etc/nginx/conf.d/";
  static final String API_PROXY = "/etc/api-proxy/api-proxy.json";

  private ConfigMounts() {}

  /**
   * One config file: relative to {@code config/} (see {@link ConfigPaths}), and its path in the
   * container.
   */
  public record ConfigMount(String relative, String inContainer) {}

  public static List<ConfigMount> of(ClusterModel model, ServiceSpec service) {
    List<ConfigMount> mounts = new ArrayList<>();
    if (service.kind() == ServiceKind.POSTGRES) {
      mounts.add(new ConfigMount(ConfigPaths.patroni(service), PATRONI));
    }
    if (model.identity().providerId().filter(service.id()::equals).isPresent()) {
      String realm = ConfigPaths.realm(service, model.identity().realm());
      mounts.add(new ConfigMount(realm, KEYCLOAK_IMPORT + fileName(realm)));
    }
    if (service.frontDoor()) {
      for (String file : FrontDoorGenerator.fileNames(model)) {
        mounts.add(new ConfigMount(ConfigPaths.frontDoor(file), NGINX_CONF_D + file));
      }
    }
    if (!service.apiProxies().isEmpty()) {
      mounts.add(new ConfigMount(ConfigPaths.apiProxy(service), API_PROXY));
    }
    for (ServiceConfigFile file : ServiceConfigs.of(model, service).files()) {
      mounts.add(new ConfigMount(ConfigPaths.serviceFile(service, file.name()), file.mountPath()));
    }
    return List.copyOf(mounts);
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
