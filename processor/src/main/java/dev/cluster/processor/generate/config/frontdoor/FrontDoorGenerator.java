package dev.cluster.processor.generate.config.frontdoor;

import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.config.ConfigPaths;
import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cluster/<name>/config/front-door/}: {@code 00-default.conf} and one {@code
 * <subdomain>.conf} per routed service ({@link FrontDoorConfig}), mounted as the front door's
 * {@code /etc/nginx/conf.d/}.
 */
public final class FrontDoorGenerator implements Generator {
  private static final String DEFAULT_SERVER = "00-default.conf";

  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    List<GeneratedFile> files = new ArrayList<>();
    for (ServiceSpec frontDoor : model.frontDoors().stream().limit(1).toList()) {
      FrontDoorConfig config =
          new FrontDoorConfig(
              model, Listen.CLUSTER, PublicUrls.CLUSTER, Upstreams.ambassadors(model, frontDoor));
      files.add(file(model, DEFAULT_SERVER, config.defaultServer()));
      for (ServiceSpec service : routed(model)) {
        files.add(file(model, fileName(service), config.server(service)));
      }
    }
    return files;
  }

  /**
   * The names of the files {@link #generate} writes, in its order: what the front door's unit
   * fetches.
   */
  public static List<String> fileNames(ClusterModel model) {
    if (model.frontDoors().isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>(List.of(DEFAULT_SERVER));
    routed(model).forEach(service -> names.add(fileName(service)));
    return List.copyOf(names);
  }

  private static List<ServiceSpec> routed(ClusterModel model) {
    return model.services().stream()
        .filter(
            service ->
                service.route().isPresent() && !service.frontDoor() && !service.ports().isEmpty())
        .toList();
  }

  private static String fileName(ServiceSpec service) {
    return service.route().orElseThrow().subdomain() + ".conf";
  }

  private static GeneratedFile file(ClusterModel model, String name, String text) {
    return GeneratedFile.text(ConfigPaths.output(model, ConfigPaths.frontDoor(name)), text);
  }
}
