package dev.cluster.processor.generate;

import dev.cluster.processor.model.ClusterModel;
import java.util.List;

/**
 * One output format: a pure function of a valid model to the files it writes. A new output format
 * is a new generator listed in {@link Generators}.
 */
public interface Generator {
  List<GeneratedFile> generate(ClusterModel model);
}
