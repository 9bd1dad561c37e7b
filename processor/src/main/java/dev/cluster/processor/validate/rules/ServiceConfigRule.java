package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.ConfiguredImage;
import dev.cluster.processor.validate.Rule;

/**
 * An app whose image gets a generated configuration that names its database (Gerrit, MediaWiki,
 * Buildbot: {@link ConfiguredImage#databaseFile}) has its own {@code @Postgres}, which that file
 * points at.
 */
public final class ServiceConfigRule implements Rule {
  @Override
  public String tag() {
    return "service-config";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      ConfiguredImage.of(service)
          .map(ConfiguredImage::databaseFile)
          .ifPresent(
              file -> {
                boolean hasPostgres =
                    model.used(service).stream()
                        .anyMatch(used -> used.kind() == ServiceKind.POSTGRES);
                if (!hasPostgres) {
                  problems.error(
                      service.origin(),
                      "image",
                      "service "
                          + service.name()
                          + " runs image "
                          + service.image()
                          + ", whose generated "
                          + file
                          + " points at the service's own database, but it has none; add @Postgres");
                }
              });
    }
  }
}
