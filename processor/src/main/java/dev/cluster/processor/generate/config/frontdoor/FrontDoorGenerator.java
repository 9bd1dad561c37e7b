package dev.cluster.processor.generate.config.frontdoor;

import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cluster/<name>/config/front-door/}: {@code 00-default.conf} and one {@code <subdomain>.conf} per
 * routed service ({@link FrontDoorConfig}), mounted as the front door's {@code /etc/nginx/conf.d/}.
 */
public final class FrontDoorGenerator implements Generator {
  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    List<GeneratedFile> files = new ArrayList<>();
    for (ServiceSpec frontDoor : model.frontDoors().stream().limit(1).toList()) {
      FrontDoorConfig config = new FrontDoorConfig(model, Listen.CLUSTER, PublicUrls.CLUSTER,
          Upstreams.ambassadors(model, frontDoor));
      files.add(GeneratedFile.text(dir(model) + "00-default.conf", config.defaultServer()));
      for (ServiceSpec service : model.services()) {
        if (service.route().isPresent() && !service.frontDoor() && !service.ports().isEmpty()) {
          files.add(GeneratedFile.text(dir(model) + service.route().get().subdomain() + ".conf", config.server(service)));
        }
      }
    }
    return files;
  }

  public static String dir(ClusterModel model) {
    return OutputPaths.config(model) + "front-door/";
  }
}
