package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.DeployCli;
import dev.cluster.runtime.deploy.DeployContext;
import dev.cluster.runtime.deploy.images.ManifestImage;
import dev.cluster.runtime.deploy.images.PushedImages;
import dev.cluster.runtime.deploy.secrets.SecretsStore;
import dev.cluster.runtime.local.LocalSettings;
import dev.cluster.runtime.local.ProcessRunner;
import dev.cluster.runtime.local.aws.LocalAwsMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code local up} boots team-cluster's machines from its generated outputs, scaled down to the
 * three MAIN machines etcd's initial cluster waits for and two WORKERs (no DATA machines): etcd
 * forms across the MAIN members, real fleet lists every machine with its metadata, the AWS
 * stand-in's Secrets Manager holds every declared secret (through the SDK, the real JSON 1.1
 * protocol), the WORKER's {@code ecr-login} succeeds against the ECR stand-in and its docker pulls
 * the images noticeboard's units name from the local registry {@code local up} pushed them into,
 * noticeboard's units, started by {@code local up} through fleet, run there and the app answers,
 * while gerrit (its image's upstream base out of reach) and nginx (no edge machine) are listed as
 * not runnable and none of their units submitted, {@code local status} shows machines and units,
 * {@code local up} again changes nothing, and {@code local down} leaves no container or network of
 * the test's own prefix, also when something failed. Minutes: every machine starts systemd and
 * docker and loads the stand-in images.
 */
class LocalClusterMachinesTest {
  private static final Duration BOUND = Duration.ofMinutes(2);

  /**
   * A pull into the machine's docker (vfs storage: every layer copied whole) on a loaded machine.
   */
  private static final Duration PULL_BOUND = Duration.ofMinutes(10);

  private static final String PREFIX =
      "lct"
          + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6)
          + "-";
  private static final List<String> MAINS =
      List.of(PREFIX + "main-1", PREFIX + "main-2", PREFIX + "main-3");
  private static final String WORKER = PREFIX + "workers-1";

  private record Cli(int exitCode, String out, String err) {}

  private static Cli local(String... words) {
    List<String> args = new ArrayList<>(Arrays.asList(words));
    args.addAll(List.of("--prefix", PREFIX));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        DeployCli.run(
            TeamCluster.DESCRIPTOR,
            args.toArray(String[]::new),
            new DeployContext(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new TeeStream(err), true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]),
                false,
                Duration.ofSeconds(1)));
    return new Cli(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path fleetDirectory() {
    Path dir =
        Path.of(
            System.getenv()
                .getOrDefault(
                    LocalSettings.FLEET_DIR_VARIABLE, LocalSettings.DEFAULT_FLEET_DIR.toString()));
    assertTrue(
        Files.isExecutable(dir.resolve("fleetd")),
        "no fleetd in " + dir + " (scripts/test-deps.sh builds fleet 1.0.0 there)");
    return dir;
  }

  @Test
  void upFormsEtcdAndFleetStatusShowsThemDownLeavesNothing() throws Exception {
    try {
      // gerrit's image is FROM Gerrit's upstream image, in no registry reachable here (its two
      // replicas have their two
      // workers); nginx runs on the edge machines, none here: both are listed as not runnable,
      // their units not submitted, and noticeboard runs.
      Cli up =
          local(
              "local",
              "up",
              "noticeboard",
              "gerrit",
              "nginx",
              "--machines",
              "workers=2",
              "--machines",
              "edge=0",
              "--machines",
              "data-nodes=0",
              "--fleet-dir",
              fleetDirectory().toString(),
              "--containers",
              ProjectFiles.REPO.resolve("containers").toString(),
              "--timeout",
              "1500");
      assertEquals(0, up.exitCode(), up.err() + up.out());
      for (String main : MAINS) {
        assertTrue(up.out().contains(main), up.out());
      }
      assertTrue(up.out().contains("services running: noticeboard\n"), up.out());
      assertTrue(up.out().contains("  gerrit: not runnable here: image not built\n"), up.out());
      assertTrue(
          up.out()
              .contains(
                  "  nginx: not runnable here: no machine of node group edge (--machines edge=N)\n"),
          up.out());

      for (String main : MAINS) {
        String address = address(main);
        assertTrue(
            get("http://" + address + ":2379/health").contains("\"health\":\"true\""),
            main + "'s etcd member is not healthy");
        String members = get("http://" + address + ":2379/v2/members");
        assertEquals(
            3, members.split("\"clientURLs\"").length - 1, main + " sees members " + members);
      }

      List<String> machines = fleetMachines();
      assertEquals(5, machines.size(), machines.toString());
      assertEquals(
          3,
          machines.stream()
              .filter(line -> line.contains("group=main") && line.contains("role=main"))
              .count(),
          machines.toString());
      assertEquals(
          2,
          machines.stream()
              .filter(line -> line.contains("group=workers") && line.contains("role=worker"))
              .count(),
          machines.toString());
      for (String main : MAINS) {
        assertTrue(
            machines.stream().anyMatch(line -> line.contains(address(main))),
            main + " missing in " + machines);
      }
      assertTrue(
          machines.stream().anyMatch(line -> line.contains(address(WORKER))),
          WORKER + " missing in " + machines);

      try (SecretsManagerClient secrets = standInSecretsManager()) {
        assertEquals(
            List.of(),
            new SecretsStore(secrets).missing(TeamCluster.DESCRIPTOR.secrets()),
            "the stand-in's Secrets Manager lacks a declared secret");
      }

      List<ManifestImage> pulled =
          PushedImages.pulledBy(TeamCluster.DESCRIPTOR, List.of("noticeboard"));
      assertFalse(pulled.isEmpty(), "noticeboard's units pull no image of the team");
      ProcessRunner.Result login =
          ProcessRunner.run(
              List.of("podman", "exec", WORKER, "systemctl", "start", "ecr-login.service"), BOUND);
      assertEquals(
          0,
          login.exitCode(),
          "ecr-login against the stand-ins: "
              + login.all()
              + ProcessRunner.run(
                      List.of(
                          "podman",
                          "exec",
                          WORKER,
                          "journalctl",
                          "-u",
                          "ecr-login",
                          "--no-pager",
                          "-n",
                          "30"),
                      BOUND)
                  .all());
      for (ManifestImage image : pulled) {
        ProcessRunner.Result pull =
            ProcessRunner.run(
                List.of(
                    "podman",
                    "exec",
                    WORKER,
                    "sh",
                    "-c",
                    ". /etc/cluster/registry.env && docker pull -q \"$CLUSTER_REGISTRY/"
                        + image.localName()
                        + "\""),
                PULL_BOUND);
        assertEquals(
            0,
            pull.exitCode(),
            WORKER + " cannot pull " + image.localName() + " as its units name it: " + pull.all());
      }

      // local up started noticeboard's units through fleet and waited until they were active: the
      // app answers on the
      // WORKER fleet placed it on, from the image its docker pulled from the local registry.
      String board = machineOf("noticeboard@1.service");
      String page = get("http://" + address(board) + ":8094/");
      assertTrue(page.contains("<title>Noticeboard</title>"), page);
      String running =
          podman(
                  "exec",
                  board,
                  "docker",
                  "ps",
                  "--filter",
                  "name=^noticeboard-1$",
                  "--format",
                  "{{.Image}}")
              .strip();
      assertTrue(
          running.endsWith(
                  "/"
                      + pulled.stream()
                          .filter(image -> image.folder().equals("noticeboard"))
                          .findFirst()
                          .orElseThrow()
                          .localName())
              && !running.startsWith("team/"),
          "noticeboard-1 runs " + running);

      Cli status = local("local", "status");
      assertEquals(0, status.exitCode(), status.err());
      assertTrue(
          status.out().contains(WORKER) && status.out().contains("fleet machines:"), status.out());
      assertTrue(status.out().contains("noticeboard@1.service"), status.out());
      assertFalse(
          status.out().contains("gerrit") || status.out().contains("nginx"),
          "units of a service not runnable here were submitted:\n" + status.out());

      Cli again =
          local(
              "local",
              "up",
              "noticeboard",
              "--machines",
              "workers=2",
              "--machines",
              "edge=0",
              "--machines",
              "data-nodes=0",
              "--fleet-dir",
              fleetDirectory().toString(),
              "--containers",
              ProjectFiles.REPO.resolve("containers").toString());
      assertEquals(0, again.exitCode(), again.err());
      assertFalse(
          again.err().contains("Creating machine"), "up again created machines:\n" + again.err());
    } finally {
      Cli down = local("local", "down");
      assertEquals(0, down.exitCode(), down.err());
      assertEquals(
          "",
          podman(
                  "ps",
                  "-a",
                  "--filter",
                  "label=dev-cluster.local=" + PREFIX,
                  "--format",
                  "{{.Names}}")
              .strip());
      assertFalse(
          ProcessRunner.run(List.of("podman", "network", "exists", PREFIX + "net"), BOUND).ok(),
          "network left");
      assertEquals(
          "", podman("ps", "-a", "--filter", "name=^" + PREFIX, "--format", "{{.Names}}").strip());
    }
  }

  /**
   * The SDK's client of the AWS stand-in's Secrets Manager, where the machines' aws.env points (it
   * checks no signature).
   */
  private static SecretsManagerClient standInSecretsManager() {
    return SecretsManagerClient.builder()
        .region(Region.of(TeamCluster.DESCRIPTOR.defaultRegion()))
        .endpointOverride(
            URI.create("http://" + address(PREFIX + "aws") + ":" + LocalAwsMain.SECRETS_PORT))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
        .build();
  }

  private static List<String> fleetMachines() {
    ProcessRunner.Result listed =
        ProcessRunner.run(
            List.of(
                "podman",
                "exec",
                MAINS.get(0),
                "/opt/bin/fleetctl",
                "list-machines",
                "--full",
                "--no-legend"),
            BOUND);
    assertEquals(0, listed.exitCode(), listed.all());
    return Arrays.stream(listed.output().split("\n")).filter(line -> !line.isBlank()).toList();
  }

  /** The machine (container) fleet runs {@code unit} on. */
  private static String machineOf(String unit) {
    ProcessRunner.Result listed =
        ProcessRunner.run(
            List.of(
                "podman",
                "exec",
                MAINS.get(0),
                "/opt/bin/fleetctl",
                "list-units",
                "--full",
                "--no-legend",
                "--fields",
                "unit,machine"),
            BOUND);
    assertEquals(0, listed.exitCode(), listed.all());
    String line =
        Arrays.stream(listed.output().split("\n"))
            .filter(row -> row.startsWith(unit))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(unit + " is not in fleet's units: " + listed.output()));
    String ip = line.substring(line.indexOf('/') + 1).strip();
    return List.of(PREFIX + "workers-1", PREFIX + "workers-2").stream()
        .filter(worker -> address(worker).equals(ip))
        .findFirst()
        .orElseThrow(() -> new AssertionError(unit + " runs on no WORKER: " + line));
  }

  private static String address(String container) {
    return podman(
            "container",
            "inspect",
            "--format",
            "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
            container)
        .strip();
  }

  private static String podman(String... args) {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(Arrays.asList(args));
    ProcessRunner.Result result = ProcessRunner.run(command, BOUND);
    assertEquals(0, result.exitCode(), command + ": " + result.all());
    return result.output();
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return response.body();
  }

  /**
   * The command's progress also goes to the test's own output, so a slow boot shows where it is.
   */
  private static final class TeeStream extends java.io.OutputStream {
    private final ByteArrayOutputStream kept;

    TeeStream(ByteArrayOutputStream kept) {
      this.kept = kept;
    }

    @Override
    public void write(int b) {
      kept.write(b);
      System.err.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      kept.write(b, off, len);
      System.err.write(b, off, len);
    }
  }
}
