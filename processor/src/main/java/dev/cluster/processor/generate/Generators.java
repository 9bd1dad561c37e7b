package dev.cluster.processor.generate;

import dev.cluster.processor.generate.config.ConfigGenerator;
import dev.cluster.processor.generate.config.apiproxy.ApiProxyConfigGenerator;
import dev.cluster.processor.generate.config.frontdoor.FrontDoorGenerator;
import dev.cluster.processor.generate.config.realm.RealmGenerator;
import dev.cluster.processor.generate.diagram.DiagramGenerator;
import dev.cluster.processor.generate.images.ImagesManifestGenerator;
import dev.cluster.processor.generate.nodes.NodeFilesGenerator;
import dev.cluster.processor.generate.services.ServiceConfigGenerator;
import dev.cluster.processor.generate.template.TemplateGenerator;
import dev.cluster.processor.generate.units.FleetUnitsGenerator;
import dev.cluster.processor.model.ClusterModel;
import java.util.ArrayList;
import java.util.List;

/** Every output format, in a fixed order. A new output format is one line here. */
public final class Generators {
  private Generators() {}

  public static final List<Generator> ALL =
      List.of(
          new TemplateGenerator(),
          new NodeFilesGenerator(),
          new FleetUnitsGenerator(),
          new ConfigGenerator(),
          new ApiProxyConfigGenerator(),
          new RealmGenerator(),
          new FrontDoorGenerator(),
          new ImagesManifestGenerator(),
          new ServiceConfigGenerator(),
          new DiagramGenerator());

  /** Every file of every generator, computed in full before anything is written. */
  public static List<GeneratedFile> generateAll(ClusterModel model) {
    List<GeneratedFile> files = new ArrayList<>();
    for (Generator generator : ALL) {
      files.addAll(generator.generate(model));
    }
    return List.copyOf(files);
  }
}
