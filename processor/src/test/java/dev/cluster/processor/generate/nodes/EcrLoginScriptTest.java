package dev.cluster.processor.generate.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /opt/bin/ecr-login} run by bash with a stand-in for docker on the PATH (the AWS CLI runs
 * in a container): the token the CLI prints reaches {@code docker login} on standard input, never
 * as an argument.
 */
class EcrLoginScriptTest {
  private static final String TOKEN = "eyJwYXlsb2FkIjoiZmFrZS10b2tlbiJ9";
  private static final String DOCKER =
      """
      #!/bin/bash
      # Stand-in for docker: logs each command line; 'run ... get-login-password' prints a token,
      # 'login' records what it read on standard input.
      echo "docker $*" >> "$STUB_LOG"
      case "$1" in
        run) echo "%s" ;;
        login) cat > "$STUB_LOG.stdin" ;;
      esac
      """
          .formatted(TOKEN);

  /** The docker command lines the script ran, with {@code extra} in its environment. */
  private static String run(Path dir, Map<String, String> extra) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path docker = Files.writeString(bin.resolve("docker"), DOCKER);
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path script = dir.resolve("ecr-login");
    try (InputStream in =
        EcrLoginScriptTest.class.getResourceAsStream("/dev/cluster/processor/nodes/ecr-login.sh")) {
      Files.write(script, in.readAllBytes());
    }
    Path log = dir.resolve("docker.log");

    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.remove("AWS_ENDPOINT_URL_ECR");
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("STUB_LOG", log.toString());
    env.put("CLUSTER_REGISTRY", "123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    env.put("CLUSTER_REGION", "eu-west-1");
    env.put("AWS_CLI_IMAGE", "public.ecr.aws/aws-cli/aws-cli:2.22.0");
    env.putAll(extra);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertEquals(TOKEN + "\n", Files.readString(Path.of(log + ".stdin")));
    return Files.readString(log);
  }

  @Test
  void theTokenGoesToDockerLoginOnStandardInputOnly(@TempDir Path dir) throws Exception {
    String commands = run(dir, Map.of());
    // the two sides of a pipe start together: which one logs first is up to the scheduler
    assertEquals(
        java.util.Set.of(
            "docker run --rm --net=host -e AWS_REGION=eu-west-1 public.ecr.aws/aws-cli/aws-cli:2.22.0 ecr get-login-password",
            "docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com"),
        java.util.Set.copyOf(commands.lines().toList()));
    assertEquals(2, commands.lines().count(), commands);
    assertFalse(commands.contains(TOKEN));
  }

  @Test
  void anEndpointVariableSendsTheTokenCallElsewhere(@TempDir Path dir) throws Exception {
    String commands = run(dir, Map.of("AWS_ENDPOINT_URL_ECR", "http://10.89.0.2:8082"));
    assertTrue(
        commands
            .lines()
            .anyMatch(
                line ->
                    line.equals(
                        "docker run --rm --net=host -e AWS_REGION=eu-west-1"
                            + " public.ecr.aws/aws-cli/aws-cli:2.22.0 --endpoint-url http://10.89.0.2:8082 ecr get-login-password")),
        commands);
  }
}
