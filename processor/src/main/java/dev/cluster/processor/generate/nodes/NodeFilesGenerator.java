package dev.cluster.processor.generate.nodes;

import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each node group's boot units and files beside the template ({@code nodes/<group>/}), so
 * systemd's own parser can check them and people can read them, and the Ignition config that
 * carries them ({@link BootConfig#FILE_NAME}), which the deploy client uploads to the S3 object the
 * group's user data names.
 */
public final class NodeFilesGenerator implements Generator {
  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    List<GeneratedFile> files = new ArrayList<>();
    for (NodeGroupSpec group : model.nodeGroups()) {
      String dir = OutputPaths.nodeFiles(model, group.name());
      NodeSetup setup = NodeBootstrap.forGroup(model, group);
      for (SystemdUnit unit : setup.units()) {
        files.add(GeneratedFile.text(dir + unit.name(), unit.render()));
      }
      for (NodeFile file : setup.files()) {
        files.add(GeneratedFile.text(dir + "files" + file.path(), file.content()));
      }
      files.add(
          GeneratedFile.text(
              dir + BootConfig.FILE_NAME, BootConfig.forGroup(model, group).object()));
    }
    return files;
  }
}
