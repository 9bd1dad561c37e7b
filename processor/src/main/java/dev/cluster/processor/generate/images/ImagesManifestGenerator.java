package dev.cluster.processor.generate.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.TeamImage;
import dev.cluster.processor.naming.EcrRepositoryIds;
import java.util.List;

/**
 * The images the units run that the project builds, for the deploy client's {@code images
 * build|push}: each one's folder under {@code containers/}, ECR repository, content tag and the
 * stack output with the repository's URI. Nothing when the cluster runs no such image.
 */
public final class ImagesManifestGenerator implements Generator {
  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    List<TeamImage> builtHere = model.teamImages().stream().filter(TeamImage::builtHere).toList();
    if (builtHere.isEmpty()) {
      return List.of();
    }
    ObjectNode manifest = Json.object();
    ArrayNode images = manifest.putArray("images");
    for (TeamImage image : builtHere) {
      images
          .addObject()
          .put("folder", image.name())
          .put("repository", image.repository(model))
          .put("tag", image.tag())
          .put("output", EcrRepositoryIds.output(image));
    }
    return List.of(GeneratedFile.text(OutputPaths.images(model), Json.pretty(manifest)));
  }
}
