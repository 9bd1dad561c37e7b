package dev.cluster.processor.generate.services;

import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Optional;

/**
 * Which services get a generated configuration, and what it is. A data engine is known by its
 * {@code @DataEngine}; an app by its image's repository ({@value #GERRIT}, {@value #MEDIAWIKI},
 * {@value #BUILDBOT}, the images of {@code containers/}), since the files are that image's: their paths
 * inside the container and the variables they read are the image's contract. Any other service gets none.
 */
public final class ServiceConfigs {
  static final String GERRIT = "gerrit";
  static final String MEDIAWIKI = "mediawiki";
  static final String BUILDBOT = "buildbot-master";

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
    return switch (repository(service.image())) {
      case GERRIT -> GerritConfig.of(model, service);
      case MEDIAWIKI -> MediaWikiSettings.of(model, service);
      case BUILDBOT -> BuildbotMasterConfig.of(model, service);
      default -> ServiceConfig.NONE;
    };
  }

  /**
   * The file of an app's generated configuration that names its own Postgres (the app's image reads its
   * database from it), if its image is one of those.
   */
  public static Optional<String> databaseFile(ServiceSpec service) {
    if (service.kind() != ServiceKind.APP || service.dataEngine().isPresent()) {
      return Optional.empty();
    }
    return switch (repository(service.image())) {
      case GERRIT -> Optional.of("secure.config");
      case MEDIAWIKI -> Optional.of("LocalSettings.php");
      case BUILDBOT -> Optional.of("master.cfg");
      default -> Optional.empty();
    };
  }

  /** The last segment of an image's repository: {@code registry/dev-cluster/gerrit:3.10.1 -> gerrit}. */
  static String repository(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
    return last.contains(":") ? last.substring(0, last.indexOf(':')) : last;
  }

  /** The port of that name, else the service's {@code index}-th port (0 when it has too few). */
  static int port(ServiceSpec service, String name, int index) {
    return service.port(name).map(PortSpec::number)
        .orElseGet(() -> service.ports().size() > index ? service.ports().get(index).number() : 0);
  }

  /** {@code https://<subdomain>.<domain>}: its route's subdomain, else its name. */
  static String publicUrl(ClusterModel model, ServiceSpec service) {
    return PublicUrls.CLUSTER.of(model, service)
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
