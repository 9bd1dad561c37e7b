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
 * {@code /opt/bin/ecr-login} run by bash with a stand-in for docker on the PATH (the AWS CLI runs in a
 * container): the token the CLI prints reaches {@code docker login} on standard input, never as an argument.
 */
class EcrLoginScriptTest {
  private static final String TOKEN = "eyJwYXlsb2FkIjoiZmFrZS10b2tlbiJ9";
  private static final String DOCKER = """
      #!/bin/bash
      # Stand-in for docker: logs each command line; 'run ... get-login-password' prints a token,
      # 'login' records what it read on standard input.
      echo "docker $*" >> "$STUB_LOG"
      case "$1" in
        run) echo "%s" ;;
        login) cat > "$STUB_LOG.stdin" ;;
      esac
      """.formatted(TOKEN);

  @Test
  void theTokenGoesToDockerLoginOnStandardInputOnly(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path docker = Files.writeString(bin.resolve("docker"), DOCKER);
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path script = dir.resolve("ecr-login");
    try (InputStream in = getClass().getResourceAsStream("/dev/cluster/processor/nodes/ecr-login.sh")) {
      Files.write(script, in.readAllBytes());
    }
    Path log = dir.resolve("docker.log");

    ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("STUB_LOG", log.toString());
    env.put("CLUSTER_REGISTRY", "123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    env.put("CLUSTER_REGION", "eu-west-1");
    env.put("AWS_CLI_IMAGE", "public.ecr.aws/aws-cli/aws-cli:2.22.0");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);

    String commands = Files.readString(log);
    // the two sides of a pipe start together: which one logs first is up to the scheduler
    assertEquals(java.util.Set.of(
        "docker run --rm --net=host -e AWS_REGION=eu-west-1 public.ecr.aws/aws-cli/aws-cli:2.22.0 ecr get-login-password",
        "docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com"),
        java.util.Set.copyOf(commands.lines().toList()));
    assertEquals(2, commands.lines().count(), commands);
    assertEquals(TOKEN + "\n", Files.readString(Path.of(log + ".stdin")));
    assertFalse(commands.contains(TOKEN));
  }
}
