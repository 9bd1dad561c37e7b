package dev.cluster.processor.generate.config.realm;

import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.config.ConfigPaths;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;

/**
 * {@code cluster/<name>/config/<identity provider>/<realm>-realm.json}: the realm the identity
 * provider imports at start ({@link RealmExport}); nothing without an {@code @IdentityProvider}.
 */
public final class RealmGenerator implements Generator {
  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    return model
        .identityProvider()
        .map(
            provider ->
                List.of(
                    GeneratedFile.text(
                        path(model, provider), RealmExport.json(model, PublicUrls.CLUSTER))))
        .orElse(List.of());
  }

  public static String path(ClusterModel model, ServiceSpec provider) {
    return ConfigPaths.output(model, ConfigPaths.realm(provider, model.identity().realm()));
  }
}
