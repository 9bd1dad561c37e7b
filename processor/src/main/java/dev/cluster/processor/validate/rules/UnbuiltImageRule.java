package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.BuiltImages;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.TeamImage;
import dev.cluster.processor.validate.Rule;
import java.util.Optional;

/**
 * An image in the namespace ({@code dev-cluster/<name>:<version>}) that no known folder builds:
 * neither the framework's index nor the team's own tags ({@code -A}{@value BuiltImages#OPTION})
 * know it. Its units pull it from the cluster's registry, where nothing this build makes will put
 * it, so the deploy would start units that cannot pull. A warning, not an error: an app built in
 * its own repository may push it there itself.
 */
public final class UnbuiltImageRule implements Rule {
  @Override
  public String tag() {
    return "unbuilt-image";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() != ServiceKind.APP) {
        continue;
      }
      Optional<TeamImage> image = model.builtImages().of(service.image());
      if (image.isEmpty() || image.get().builtHere()) {
        continue;
      }
      String name = image.get().name();
      String repository = image.get().repository(model);
      problems.warning(
          service.origin(),
          "image",
          "image = \""
              + service.image()
              + "\" is in the "
              + BuiltImages.NAMESPACE
              + " namespace, but no folder under containers/ builds "
              + name
              + ": neither the"
              + " framework's images nor the team's own (-A"
              + BuiltImages.OPTION
              + ") know it, so its units pull "
              + repository
              + ":"
              + image.get().tag()
              + " from the cluster's registry, which nothing of this build fills."
              + " Add containers/"
              + name
              + " (a Containerfile) and pass -A"
              + BuiltImages.OPTION
              + "=FILE (written by"
              + " dev.cluster.runtime.images.ImageTags), correct the name if you meant a framework image, or push "
              + repository
              + ":"
              + image.get().tag()
              + " from the repository that builds it before deploying");
    }
  }
}
