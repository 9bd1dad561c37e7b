package dev.cluster.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cluster.contract.descriptor.SecretRef;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.secrets.SecretsStore;
import dev.cluster.runtime.local.aws.LocalAwsMain;
import dev.cluster.runtime.local.aws.SecretsManagerApi;
import dev.cluster.runtime.testing.Processes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The local cluster's secrets: {@code local up}'s seed (a person's values from their file, every
 * other one random and then kept), served by the stand-in's Secrets Manager (in process on
 * 127.0.0.1, not AWS, the real JSON 1.1 protocol) to the real {@code secrets-env} agent, which
 * finds it only through {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} in its environment, as the
 * machines' {@code aws.env} sets it; and deploy's own check finds nothing missing.
 */
class LocalSecretsInProcessSecretsManagerEndpointTest {
  private static final SecretRef GENERATED =
      new SecretRef("team/db-password", "derived database password", List.of("db"), true);
  private static final SecretRef PERSONS =
      new SecretRef("team/weather-key", "API key of the weather service", List.of("apis"));
  private static final SecretRef PERSONS_UNSET =
      new SecretRef("team/smtp-password", "SMTP password", List.of("file-drop"));
  private static final List<SecretRef> DECLARED = List.of(GENERATED, PERSONS, PERSONS_UNSET);

  @TempDir Path dir;

  @Test
  void aPersonsFileWinsOthersAreRandomOnceAndKeptUnknownNamesAreRefused() throws Exception {
    Path personal =
        Files.writeString(dir.resolve("mine.properties"), "team/weather-key=k-123 with spaces\n");

    LocalSecrets.Seed first = LocalSecrets.seed(DECLARED, Map.of(), Optional.of(personal));

    assertEquals("k-123 with spaces", first.values().get(PERSONS.name()));
    assertEquals(
        43, first.values().get(GENERATED.name()).length(), "256 random bits as deploy makes them");
    assertNotEquals(first.values().get(GENERATED.name()), first.values().get(PERSONS_UNSET.name()));
    assertEquals(2, first.notes().size(), first.notes().toString());
    assertTrue(
        first.notes().stream()
            .anyMatch(note -> note.startsWith("generated secret team/db-password")),
        first.notes().toString());
    assertTrue(
        first.notes().stream()
            .anyMatch(
                note ->
                    note.contains("team/smtp-password")
                        && note.contains(LocalSecrets.FILE_VARIABLE)),
        first.notes().toString());

    Path seedFile = dir.resolve("state/secrets/secrets.properties");
    LocalSecrets.write(first.values(), seedFile);
    LocalSecrets.Seed again =
        LocalSecrets.seed(DECLARED, LocalSecrets.read(seedFile), Optional.of(personal));
    assertEquals(first.values(), again.values());
    assertEquals(List.of(), again.notes());

    Files.writeString(personal, "team/weather-key=k-456\nteam/nosuch=x\n");
    DeployException refused =
        assertThrows(
            DeployException.class,
            () -> LocalSecrets.seed(DECLARED, LocalSecrets.read(seedFile), Optional.of(personal)));
    assertTrue(
        refused.getMessage().contains("team/nosuch")
            && refused.getMessage().contains(personal.toString()),
        refused.getMessage());
  }

  @Test
  void theStandInServesTheSeedToSecretsEnvThroughTheEndpointVariable() throws Exception {
    Path seedFile = dir.resolve("state/secrets/secrets.properties");
    LocalSecrets.Seed seed = LocalSecrets.seed(DECLARED, Map.of(), Optional.empty());
    LocalSecrets.write(seed.values(), seedFile);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/", new SecretsManagerApi("eu-west-1", LocalAwsMain.ACCOUNT, LocalSecrets.read(seedFile)));
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (Processes processes = new Processes();
        SecretsManagerClient client =
            SecretsManagerClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .build()) {
      assertEquals(List.of(), new SecretsStore(client).missing(DECLARED));

      Path out = dir.resolve("run/app.env");
      Files.createDirectories(out.getParent());
      Path log = dir.resolve("secrets-env.log");
      Process agent =
          processes.startAgent(
              List.of(
                  "secrets-env",
                  "--region",
                  "eu-west-1",
                  "--out",
                  out.toString(),
                  "DB_PASSWORD=" + GENERATED.name(),
                  "SMTP_PASSWORD=" + PERSONS_UNSET.name()),
              log,
              Map.of(
                  "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                  endpoint.toString(),
                  "AWS_ACCESS_KEY_ID",
                  "AKIDLOCAL",
                  "AWS_SECRET_ACCESS_KEY",
                  "local",
                  "AWS_EC2_METADATA_DISABLED",
                  "true"));
      assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "secrets-env did not exit");
      assertEquals(0, agent.exitValue(), Files.readString(log));
      assertEquals(
          "DB_PASSWORD="
              + seed.values().get(GENERATED.name())
              + "\nSMTP_PASSWORD="
              + seed.values().get(PERSONS_UNSET.name())
              + "\n",
          Files.readString(out));
    } finally {
      server.stop(0);
    }
  }
}
