package dev.cluster.runtime.deploy.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessSecretsManagerEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * secrets set and check through the real SDK against an in-process Secrets Manager endpoint (not
 * AWS).
 */
@ExtendWith(ExampleCredentials.class)
class SecretsCommandInProcessSecretsManagerEndpointTest {
  private static final String DB_PASSWORD = "team/gerrit/db-password";

  private InProcessSecretsManagerEndpoint secretsManager;

  @BeforeEach
  void start() throws Exception {
    secretsManager = new InProcessSecretsManagerEndpoint();
  }

  @AfterEach
  void stop() {
    secretsManager.close();
  }

  private CliRun secrets(String stdin, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "secrets";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--secrets-endpoint-url";
    all[args.length + 2] = secretsManager.url().toString();
    return CliRun.withInput(TestClusters.team(), stdin, all);
  }

  @Test
  void checkListsMissingSecretsAndExitsOne() {
    CliRun check = secrets("", "check");

    assertEquals(1, check.exitCode(), check.toString());
    assertEquals(
        """
                1 of 1 declared secrets are missing (store each with: secrets set NAME)
                  SECRET                   PROBLEM         USED BY
                  team/gerrit/db-password  does not exist  gerrit
                """,
        check.out());
  }

  @Test
  void aSecretWithoutValueIsMissingToo() {
    secretsManager.putSecret(DB_PASSWORD, null);

    CliRun check = secrets("", "check");

    assertEquals(1, check.exitCode());
    assertTrue(check.out().contains("has no value"), check.out());
  }

  @Test
  void setCreatesTheSecretFromStdinThenStoresNewValues(@TempDir Path dir) throws Exception {
    CliRun created = secrets("first\n", "set", DB_PASSWORD);
    assertEquals(0, created.exitCode(), created.toString());
    assertEquals("Created secret team/gerrit/db-password\n", created.out());
    assertEquals(Map.of(DB_PASSWORD, "first"), secretsManager.secrets());

    Path file = dir.resolve("password");
    Files.writeString(file, "second\n");
    CliRun updated = secrets("", "set", DB_PASSWORD, "--from-file", file.toString());
    assertEquals(0, updated.exitCode(), updated.toString());
    assertEquals("Stored a new value of secret team/gerrit/db-password\n", updated.out());
    assertEquals(
        Map.of(DB_PASSWORD, "second"),
        secretsManager.secrets(),
        "the file's final line break, as stdin's, is dropped");

    assertEquals(0, secrets("", "check").exitCode());
  }

  @Test
  void listShowsEverySecretWithItsStateAndReaders() {
    CliRun missing = secrets("", "list");
    assertEquals(0, missing.exitCode(), missing.toString());
    assertTrue(
        missing
            .out()
            .matches(
                "(?s)\\s*SECRET\\s+STATE\\s+USED BY\\s+WHAT\n\\s*team/gerrit/db-password\\s+does not exist\\s+gerrit\\s+.*"),
        missing.out());

    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    CliRun stored = secrets("", "list");
    assertTrue(
        stored.out().matches("(?s).*team/gerrit/db-password\\s+stored\\s+gerrit.*"), stored.out());
    assertTrue(!stored.out().contains("s3cret"), "list never shows a value");
  }

  @Test
  void setWithGenerateStoresA256BitRandomValueEachTime() {
    CliRun first = secrets("", "set", DB_PASSWORD, "--generate");
    assertEquals(0, first.exitCode(), first.toString());
    assertTrue(
        first.out().startsWith("Created secret team/gerrit/db-password (a generated value"),
        first.out());
    String value = secretsManager.secrets().get(DB_PASSWORD);
    assertTrue(value.matches("[A-Za-z0-9_-]{43}"), value);
    assertTrue(
        !first.out().contains(value) && !first.err().contains(value), "the value is never printed");

    assertEquals(0, secrets("", "set", DB_PASSWORD, "--generate").exitCode());
    assertTrue(!secretsManager.secrets().get(DB_PASSWORD).equals(value), "a new value each time");

    CliRun both = secrets("", "set", DB_PASSWORD, "--generate", "--from-file", "/dev/null");
    assertEquals(2, both.exitCode(), both.toString());
  }

  @Test
  void undeclaredOrEmptySecretsAreRefusedWithoutCallingAws() {
    CliRun undeclared = secrets("x", "set", "team/jenkins/token");
    assertEquals(2, undeclared.exitCode());
    assertEquals(
        "error: 'team/jenkins/token' is not a declared secret (declared: team/gerrit/db-password)\n",
        undeclared.err());

    CliRun empty = secrets("\n", "set", DB_PASSWORD);
    assertEquals(2, empty.exitCode());

    assertEquals(List.of(), secretsManager.targets());
  }
}
