package dev.cluster.processor.generate.services;

import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.ConfiguredImage;
import java.util.Optional;

/**
 * Which services get a generated configuration, and what it is. A data engine is known by its
 * {@code @DataEngine}; an app by its image's repository ({@link ConfiguredImage}). Any other
 * service gets none.
 */
public final class ServiceConfigs {
  private ServiceConfigs() {}

  public static ServiceConfig of(ClusterModel model, ServiceSpec service) {
    if (service.kind() != ServiceKind.APP) {
      return ServiceConfig.NONE;
    }
    if (service.dataEngine().isPresent()) {
      return switch (service.dataEngine().get()) {
        case ELASTICSEARCH -> ElasticsearchConfig.of(model, service);
        case CASSANDRA -> CassandraConfig.of(model, service);
        case MONGODB -> MongoConfig.of(model, service);
      };
    }
    return ConfiguredImage.of(service)
        .map(
            image ->
                switch (image) {
                  case GERRIT -> GerritConfig.of(model, service);
                  case MEDIAWIKI -> MediaWikiSettings.of(model, service);
                  case BUILDBOT -> BuildbotMasterConfig.of(model, service);
                })
        .orElse(ServiceConfig.NONE);
  }

  /** The port of that name, else the service's {@code index}-th port (0 when it has too few). */
  static int port(ServiceSpec service, String name, int index) {
    return service
        .port(name)
        .map(PortSpec::number)
        .orElseGet(() -> service.ports().size() > index ? service.ports().get(index).number() : 0);
  }

  /** {@code https://<subdomain>.<domain>}: its route's subdomain, else its name. */
  static String publicUrl(ClusterModel model, ServiceSpec service) {
    return PublicUrls.CLUSTER
        .of(model, service)
        .orElseGet(() -> PublicUrls.CLUSTER.of(model, service.name()));
  }

  /** Where the service keeps its first synced volume, if it has one. */
  static Optional<String> volume(ServiceSpec service) {
    return service.volumes().stream().map(v -> v.path()).findFirst();
  }

  /** {@code ${NAME}}: a variable that the container's start fills in, as the files write it. */
  static String placeholder(String variable) {
    return "${" + variable + "}";
  }

  /** What the service's files are named by in the cluster: {@code <cluster>-<service>}. */
  static String clusterScopedName(ClusterModel model, ServiceSpec service) {
    return model.cluster().name() + "-" + service.name();
  }
}
