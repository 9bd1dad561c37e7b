package dev.cluster.processor.generate.config;

import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The configs the fleet units fetch at start, under {@code cluster/<name>/config/}: per ambassador
 * listener the runtime ambassador's JSON (the agent renders HAProxy's configuration from it), and
 * per Postgres database its Patroni YAML.
 */
public final class ConfigGenerator implements Generator {
  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    List<GeneratedFile> files = new ArrayList<>();
    for (ServiceSpec service : model.services()) {
      if (!model.runsOnFleet(service)) {
        continue;
      }
      for (AmbassadorSpec ambassador : model.ambassadorsOf(service)) {
        for (AmbassadorSpec.Listener listener : ambassador.listeners()) {
          files.add(
              GeneratedFile.text(
                  ConfigPaths.output(
                      model, ConfigPaths.ambassadorJson(service, ambassador.name(listener))),
                  new AmbassadorConfig(model, ambassador, listener).json()));
        }
      }
      if (service.kind() == ServiceKind.POSTGRES) {
        files.add(
            GeneratedFile.text(
                ConfigPaths.output(model, ConfigPaths.patroni(service)),
                PatroniConfig.yaml(model, service)));
      }
    }
    return files;
  }
}
