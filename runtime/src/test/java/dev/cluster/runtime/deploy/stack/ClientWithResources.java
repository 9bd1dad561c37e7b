package dev.cluster.runtime.deploy.stack;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessS3Endpoint;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the deploy client against the in-process CloudFormation and S3 endpoints with a folder of
 * generated resources (the template, the configs it uploads) on the class path, as the cluster's
 * jar would carry them.
 */
final class ClientWithResources {
  private ClientWithResources() {}

  static CliRun run(
      ClusterDescriptor cluster,
      Path resources,
      InProcessCloudFormationEndpoint cloudFormation,
      InProcessS3Endpoint s3,
      String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--param",
            "KeyName=team-key",
            "--endpoint-url",
            cloudFormation.url().toString(),
            "--s3-endpoint-url",
            s3.url().toString()));
    if (args[0].equals("deploy")) {
      all.addAll(List.of("--skip-units", "--yes"));
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {resources.toUri().toURL()}, previous)) {
      thread.setContextClassLoader(loader);
      return CliRun.run(cluster, all.toArray(String[]::new));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
