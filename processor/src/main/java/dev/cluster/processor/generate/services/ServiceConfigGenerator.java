package dev.cluster.processor.generate.services;

import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.config.ConfigPaths;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cluster/<name>/config/<service>/<file>}: each service's own configuration ({@link
 * ServiceConfigs}), which the deploy stores in etcd and the service's unit fetches with {@code
 * config-get} and mounts into its container, like Patroni's. No file holds a secret: they read them
 * from the environment at start.
 */
public final class ServiceConfigGenerator implements Generator {
  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    List<GeneratedFile> files = new ArrayList<>();
    for (ServiceSpec service : model.services()) {
      for (ServiceConfigFile file : ServiceConfigs.of(model, service).files()) {
        files.add(
            GeneratedFile.text(
                ConfigPaths.output(model, ConfigPaths.serviceFile(service, file.name())),
                file.content()));
      }
    }
    return files;
  }
}
