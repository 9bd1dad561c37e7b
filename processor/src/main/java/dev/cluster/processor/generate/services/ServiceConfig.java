package dev.cluster.processor.generate.services;

import java.util.List;
import java.util.Optional;

/**
 * What a service's container needs beyond its image to run with its generated configuration: the
 * files, the image's arguments that point it at them, whether it reads the DATA group's peers from
 * its environment ({@link DataPeers}), and a command run in the container once it has started
 * ({@code docker exec}).
 */
public record ServiceConfig(
    List<ServiceConfigFile> files,
    List<String> imageArguments,
    boolean readsDataPeers,
    Optional<List<String>> afterStart) {
  public static final ServiceConfig NONE =
      new ServiceConfig(List.of(), List.of(), false, Optional.empty());

  public ServiceConfig {
    files = List.copyOf(files);
    imageArguments = List.copyOf(imageArguments);
    afterStart = afterStart.map(List::copyOf);
  }

  /** Files only, the image run as it is. */
  static ServiceConfig files(ServiceConfigFile... files) {
    return new ServiceConfig(List.of(files), List.of(), false, Optional.empty());
  }
}
