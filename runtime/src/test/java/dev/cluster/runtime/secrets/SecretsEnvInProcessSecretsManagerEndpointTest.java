package dev.cluster.runtime.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.aws.InProcessSecretsManagerEndpoint;
import dev.cluster.runtime.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code secrets-env} agent as a separate JVM, through the real SDK, against an in-process
 * Secrets Manager endpoint (not AWS) with static credentials in its environment.
 */
class SecretsEnvInProcessSecretsManagerEndpointTest {

  private static final Map<String, String> CREDENTIALS =
      Map.of(
          "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
          "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          "AWS_EC2_METADATA_DISABLED", "true");

  @TempDir Path dir;
  private InProcessSecretsManagerEndpoint secretsManager;
  private Processes processes;

  @BeforeEach
  void start() throws Exception {
    secretsManager = new InProcessSecretsManagerEndpoint();
    processes = new Processes();
  }

  @AfterEach
  void stop() {
    processes.close();
    secretsManager.close();
  }

  private record Run(int exit, String log) {}

  private Run secretsEnv(Path out, String... assignments) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "secrets-env",
                "--region",
                "eu-west-1",
                "--out",
                out.toString(),
                "--endpoint-url",
                secretsManager.url().toString()));
    args.addAll(List.of(assignments));
    Path log = Files.createTempFile(dir.getParent(), "secrets-env", ".log");
    Process agent = processes.startAgent(args, log, CREDENTIALS);
    assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "secrets-env did not exit");
    Run run = new Run(agent.exitValue(), Files.readString(log));
    Files.delete(log);
    return run;
  }

  private List<String> filesIn(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesEveryValueAsAnEnvFileOnlyTheOwnerCanRead() throws Exception {
    secretsManager.putSecret("team/gerrit/db-password", "s3cr3t = with spaces #and hash");
    secretsManager.putSecret("team/gerrit/api-key", "k-123");
    Path out = dir.resolve("gerrit.env");

    Run run = secretsEnv(out, "DB_PASSWORD=team/gerrit/db-password", "API_KEY=team/gerrit/api-key");

    assertEquals(0, run.exit(), run.log());
    assertEquals(
        "DB_PASSWORD=s3cr3t = with spaces #and hash\nAPI_KEY=k-123\n", Files.readString(out));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals(List.of("gerrit.env"), filesIn(dir), "no temporary file may be left behind");
    assertEquals(
        List.of("secretsmanager.GetSecretValue", "secretsmanager.GetSecretValue"),
        secretsManager.targets());
  }

  @Test
  void aMissingSecretIsNamedAndNothingIsWritten() throws Exception {
    secretsManager.putSecret("team/gerrit/db-password", "new");
    secretsManager.putSecret("team/gerrit/no-value", null);
    Path out = dir.resolve("gerrit.env");
    Files.writeString(out, "DB_PASSWORD=old\n");

    Run missing =
        secretsEnv(out, "DB_PASSWORD=team/gerrit/db-password", "API_KEY=team/gerrit/api-key");
    Run noValue =
        secretsEnv(out, "DB_PASSWORD=team/gerrit/db-password", "TOKEN=team/gerrit/no-value");

    assertEquals(1, missing.exit(), missing.log());
    assertTrue(
        missing.log().contains("secret team/gerrit/api-key (for API_KEY) does not exist"),
        missing.log());
    assertEquals(1, noValue.exit(), noValue.log());
    assertTrue(noValue.log().contains("secret team/gerrit/no-value (for TOKEN)"), noValue.log());
    assertEquals(
        "DB_PASSWORD=old\n", Files.readString(out), "the previous file must stay as it was");
    assertEquals(List.of("gerrit.env"), filesIn(dir));
  }

  @Test
  void aValueWithALineBreakIsRefusedNamingTheSecret() throws Exception {
    secretsManager.putSecret(
        "team/tls/key", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----");
    Path out = dir.resolve("tls.env");

    Run run = secretsEnv(out, "TLS_KEY=team/tls/key");

    assertEquals(1, run.exit(), run.log());
    assertTrue(
        run.log().contains("secret team/tls/key (for TLS_KEY) contains a line break"), run.log());
    assertTrue(Files.notExists(out));
    assertEquals(List.of(), filesIn(dir));
  }

  @Test
  void aBadAssignmentIsACommandLineError() throws Exception {
    Run run = secretsEnv(dir.resolve("x.env"), "1BAD=team/x");

    assertEquals(2, run.exit(), run.log());
    assertTrue(run.log().contains("not an environment variable name: 1BAD"), run.log());
  }

  @Test
  void aUrlTemplateGetsTheSecretPercentEncodedAfterTheSecrets() throws Exception {
    secretsManager.putSecret("team/grafana-db-password", "p@ss:w/rd%?#é");
    Path out = dir.resolve("grafana.env");

    Run run =
        secretsEnv(
            out,
            "--url",
            "DATA_SOURCE_NAME=postgres://grafana:{GF_DATABASE_PASSWORD}@172.17.0.1:15000/grafana?sslmode=disable",
            "GF_DATABASE_PASSWORD=team/grafana-db-password");

    assertEquals(0, run.exit(), run.log());
    assertEquals(
        "GF_DATABASE_PASSWORD=p@ss:w/rd%?#é\n"
            + "DATA_SOURCE_NAME=postgres://grafana:p%40ss%3Aw%2Frd%25%3F%23%C3%A9@172.17.0.1:15000/grafana?sslmode=disable\n",
        Files.readString(out));
  }

  @Test
  void aUrlPlaceholderNamingNoSecretIsACommandLineErrorAndNothingIsWritten() throws Exception {
    Path out = dir.resolve("grafana.env");

    Run run =
        secretsEnv(
            out,
            "--url",
            "DATA_SOURCE_NAME=postgres://grafana:{DB_PASSWORD}@h:1/g",
            "GF_DATABASE_PASSWORD=team/grafana-db-password");

    assertEquals(2, run.exit(), run.log());
    assertTrue(
        run.log().contains("{DB_PASSWORD} is none of the secrets assigned (GF_DATABASE_PASSWORD)"),
        run.log());
    assertTrue(Files.notExists(out));
    assertEquals(List.of(), secretsManager.targets(), "refused before reading any secret");
  }
}
