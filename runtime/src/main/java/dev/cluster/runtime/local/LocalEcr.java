package dev.cluster.runtime.local;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.images.ImagesCommand;
import dev.cluster.runtime.deploy.images.ManifestImage;
import dev.cluster.runtime.local.BootRoots.BootRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The local cluster's ECR: a real registry ({@code local-registry}, plain HTTP on port 80) at the
 * network's {@code .3}, which the machines' docker reaches under the cluster's registry name (an
 * {@code /etc/hosts} entry and an insecure registry of docker's, since the name has no port and no
 * certificate here), with ECR's own calls answered by the AWS stand-in ({@code aws/EcrApi}, its
 * proxy endpoint this registry). {@code local up} pushes the team's images through the same code as
 * {@code images push}.
 */
final class LocalEcr {
  private static final Duration ANSWER_BOUND = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofSeconds(1);

  private final Podman podman;
  private final LocalNames names;
  private final Console console;

  LocalEcr(Podman podman, LocalNames names, Console console) {
    this.podman = podman;
    this.names = names;
    this.console = console;
  }

  static URI registryUrl(MachinePlan plan) {
    return URI.create("http://" + plan.registry());
  }

  /**
   * The registry's host as the machines' boot wrote it ({@code CLUSTER_REGISTRY} in
   * /etc/cluster/registry.env).
   */
  static String registryName(Collection<BootRoot> roots) {
    for (BootRoot root : roots) {
      Path env = root.root().resolve("etc/cluster/registry.env");
      if (!Files.isRegularFile(env)) {
        continue;
      }
      try {
        Optional<String> name =
            Files.readAllLines(env).stream()
                .filter(line -> line.startsWith("CLUSTER_REGISTRY="))
                .map(line -> line.substring("CLUSTER_REGISTRY=".length()).strip())
                .findFirst();
        if (name.isPresent()) {
          return name.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new DeployException(
        "no machine's boot writes CLUSTER_REGISTRY in /etc/cluster/registry.env");
  }

  /** docker's daemon.json on a machine: the registry's name over plain HTTP. */
  static String daemonJson(String registryName) {
    return "{\"insecure-registries\": [\"" + registryName + "\"]}\n";
  }

  void startRegistry(LocalImages images, MachinePlan plan) {
    String name = names.registry();
    if (!podman.containerExists(name)) {
      console.info(
          "Starting the image registry " + name + " at " + plan.registry() + " (ECR's stand-in)");
      podman.check(
          "run",
          "-d",
          "--name",
          name,
          "--label",
          names.label(),
          "--network",
          names.network(),
          "--ip",
          plan.registry(),
          "--dns=none",
          images.image(LocalImages.REGISTRY));
    } else if (!podman.running(name)) {
      podman.check("start", name);
    }
  }

  /**
   * Builds (on the local Debian bases) and pushes each image the registry lacks, once the registry
   * and the stand-in's ECR answer.
   */
  void push(
      ClusterDescriptor cluster,
      List<ManifestImage> pulled,
      MachinePlan plan,
      Path containers,
      List<String> bases) {
    if (pulled.isEmpty()) {
      return;
    }
    await(
        "the registry " + registryUrl(plan),
        () -> status(registryUrl(plan).resolve("/v2/")) == 200);
    try (EcrClient ecr = LocalAwsClients.ecr(plan, cluster.defaultRegion())) {
      await(
          "the stand-in's ECR " + LocalAwsClients.ecrEndpoint(plan),
          () -> {
            try {
              ecr.getAuthorizationToken(request -> {});
              return true;
            } catch (SdkClientException e) {
              return false;
            }
          });
      console.info(
          "Pushing "
              + pulled.stream().map(ManifestImage::localName).toList()
              + " into the local registry");
      ImagesCommand.push(console, ecr, pulled, Optional.of(containers.toString()), bases)
          .forEach(row -> console.info("  " + row.image() + ": " + row.status()));
    }
  }

  private static int status(URI url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while waiting for the local registry", e);
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier answers) {
    long deadline = System.nanoTime() + ANSWER_BOUND.toNanos();
    while (!answers.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new DeployException(
            what + " did not answer within " + ANSWER_BOUND.toSeconds() + " s");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeployException("interrupted while waiting for " + what, e);
      }
    }
  }
}
