package dev.cluster.runtime.deploy;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.stack.TemplateBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code --version} prints: the runtime's version (from the build), and which cluster and
 * template this jar deploys.
 */
public final class RuntimeVersion {
  private static final String RESOURCE = "runtime-version.properties";

  private RuntimeVersion() {}

  static String text(ClusterDescriptor cluster) {
    return "dev deploy client: runtime "
        + version()
        + "\ncluster "
        + cluster.name()
        + ", template "
        + cluster.templateResource()
        + " sha256 "
        + TemplateBody.of(cluster).sha256()
        + "\n";
  }

  /**
   * The runtime's version, which is the framework's: its processor, apps and container sources are
   * released together.
   */
  public static String version() {
    try (InputStream in = RuntimeVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown (built without " + RESOURCE + ")";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
