package dev.cluster.runtime.deploy.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessEcrEndpoint;
import dev.cluster.runtime.images.ImageContent;
import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.LocalRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code images build|push} through the real SDK against an in-process ECR endpoint (not AWS) whose
 * token opens a real registry (Debian's docker-registry on 127.0.0.1, basic authentication): the
 * image is built by containers/build.sh with podman, and the push really lands, as the registry's
 * own HTTP API shows.
 */
@ExtendWith(ExampleCredentials.class)
class ImagesCommandInProcessEcrEndpointTest {
  /**
   * The content tag of the folder {@link #containers} writes: it pins {@link ImageContent}'s
   * definition.
   */
  private static final String TAG = "3a667b7471a20bd7";

  private static final String PASSWORD = "ecr-token-password-7f3a";

  @TempDir Path dir;
  private Path containers;
  private LocalRegistry registry;
  private InProcessEcrEndpoint ecr;
  private final List<String> localImages = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    containers = containers(dir.resolve("containers"));
    Path registryDir = Files.createDirectories(dir.resolve("registry"));
    registry = new LocalRegistry(registryDir, "AWS", PASSWORD);
    ecr =
        new InProcessEcrEndpoint(
            registry.url(),
            PASSWORD,
            Set.of("team/redis"),
            (repository, tag) -> registry.manifest(repository, tag).statusCode() == 200);
    localImages.addAll(
        List.of("team/redis:7.0", "team/redis:" + TAG, registry.host() + "/team/redis:" + TAG));
  }

  @AfterEach
  void stop() throws Exception {
    ecr.close();
    registry.close();
    List<String> rmi =
        new ArrayList<>(
            List.of(Binaries.require("podman", "podman").toString(), "rmi", "--ignore"));
    rmi.addAll(localImages);
    new ProcessBuilder(rmi)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  /**
   * A checkout's containers/ with the real build.sh and one tiny image folder, redis, FROM scratch.
   */
  private static Path containers(Path containers) throws IOException {
    Files.createDirectories(containers.resolve("redis"));
    Path buildScript = containers.resolve("build.sh");
    Files.copy(Path.of("../containers/build.sh"), buildScript);
    assertTrue(buildScript.toFile().setExecutable(true));
    Files.writeString(
        containers.resolve("redis/Containerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
    Files.writeString(containers.resolve("redis/hello.txt"), "hello from the cluster\n");
    return containers;
  }

  private CliRun images(String... args) {
    List<String> all = new ArrayList<>(List.of("images"));
    all.addAll(List.of(args));
    all.addAll(
        List.of("--containers", containers.toString(), "--ecr-endpoint-url", ecr.url().toString()));
    return CliRun.run(TestClusters.team(), all.toArray(String[]::new));
  }

  @Test
  void theJarsTagIsTheFoldersContentTag() {
    assertEquals(TAG, ImageContent.tag(containers.resolve("redis")));
  }

  @Test
  void pushBuildsTheImageAndItLandsInTheRegistryUnderItsContentTag() {
    assertEquals(
        401,
        registry.status("/v2/", false),
        "the registry lets nobody in without the token's password");

    CliRun push = images("push");

    assertEquals(0, push.exitCode(), push.toString());
    assertEquals(List.of("GetAuthorizationToken", "DescribeImages"), ecr.targets());
    assertTrue(
        push.out().contains(registry.host() + "/team/redis:" + TAG)
            && push.out().contains("pushed"),
        push.out());
    HttpResponse<String> manifest = registry.manifest("team/redis", TAG);
    assertEquals(200, manifest.statusCode(), manifest.body());
    assertTrue(manifest.body().contains("\"layers\""), manifest.body());
  }

  @Test
  void aSecondPushFindsTheImageInTheRegistryAndPushesNothing() {
    assertEquals(0, images("push").exitCode());

    CliRun again = images("push", "redis");

    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.out().contains("already in the registry"), again.out());
    assertTrue(!again.err().contains("pushing"), again.err());
  }

  @Test
  void buildNeedsNoAwsAndLeavesTheContentTag() throws Exception {
    CliRun build =
        CliRun.run(TestClusters.team(), "images", "build", "--containers", containers.toString());

    assertEquals(0, build.exitCode(), build.toString());
    assertTrue(build.out().contains("team/redis:" + TAG), build.out());
    Process inspect =
        new ProcessBuilder(
                Binaries.require("podman", "podman").toString(),
                "image",
                "exists",
                "team/redis:" + TAG)
            .start();
    assertEquals(0, inspect.waitFor(), "podman has no team/redis:" + TAG);
    assertEquals(List.of(), ecr.targets());
  }

  @Test
  void aFolderChangedSinceTheJarWasBuiltIsRefusedBeforeAnyAwsCall() throws Exception {
    Files.writeString(containers.resolve("redis/hello.txt"), "changed\n");

    CliRun push = images("push");

    assertEquals(1, push.exitCode(), push.toString());
    assertTrue(
        push.err()
                .contains(
                    "the units of this jar run redis:"
                        + TAG
                        + ", but "
                        + containers.resolve("redis")
                        + " gives it ")
            && push.err().contains("(it changed since this jar was built"),
        push.err());
    assertEquals(List.of(), ecr.targets());
  }

  @Test
  void withoutContainersTheJarsShippedSourcesAreCheckedAgainstTheUnitsTagsBeforeAnyBuild() {
    // The test cluster's images.json names a redis of the tiny folder above, not the framework's
    // redis.
    CliRun build = CliRun.run(TestClusters.team(), "images", "build");

    assertEquals(1, build.exitCode(), build.toString());
    assertTrue(
        build
                .err()
                .contains(
                    "the units of this jar run redis:"
                        + TAG
                        + ", but the framework's sources shipped in"
                        + " this jar give it "
                        + ImageContent.tag(Path.of("../containers/redis")))
            && build.err().contains("another framework version"),
        build.err());
    assertTrue(!build.err().contains("building redis"), build.err());
  }

  /**
   * A new cluster's project has its own containers/ with its images' folders and no build.sh: its
   * image is built by the engine from the folder's Containerfile, and the framework's from the jar.
   */
  @Test
  void aTeamsOwnFolderWithoutBuildScriptIsBuiltFromItsContainerfile() throws Exception {
    Files.delete(containers.resolve("build.sh"));

    CliRun build =
        CliRun.run(TestClusters.team(), "images", "build", "--containers", containers.toString());

    assertEquals(0, build.exitCode(), build.toString());
    assertTrue(
        build.err().contains("building redis with podman from " + containers.resolve("redis")),
        build.err());
    assertTrue(build.out().contains("team/redis:" + TAG), build.out());
    assertEquals(
        0,
        new ProcessBuilder(
                Binaries.require("podman", "podman").toString(),
                "image",
                "exists",
                "team/redis:" + TAG)
            .start()
            .waitFor(),
        "podman has no team/redis:" + TAG);
  }

  @Test
  void anUnknownImageIsAUsageErrorNamingTheKnownOnes() {
    CliRun push = images("push", "redis", "mongo");

    assertEquals(2, push.exitCode(), push.toString());
    assertTrue(
        push.err().contains("unknown image 'mongo'") && push.err().contains("run redis"),
        push.err());
    assertEquals(List.of(), ecr.targets());
  }

  @Test
  void aMissingRepositorySaysToDeployTheStackFirst() throws Exception {
    ecr.close();
    ecr = new InProcessEcrEndpoint(registry.url(), PASSWORD, Set.of(), (repository, tag) -> false);

    CliRun push = images("push");

    assertEquals(1, push.exitCode(), push.toString());
    assertTrue(
        push.err().contains("no repository team/redis")
            && push.err().contains("deploy the stack first"),
        push.err());
  }
}
