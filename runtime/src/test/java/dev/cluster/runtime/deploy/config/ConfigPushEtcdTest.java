package dev.cluster.runtime.deploy.config;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static dev.cluster.runtime.etcd.Etcd.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessSecretsManagerEndpoint;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import dev.cluster.runtime.testing.EtcdCluster;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code units submit --etcd-url} stores the config files (test resources {@code
 * cluster/cfgtest/config/**}) in a real one-member etcd through jetcd (gRPC on its client port);
 * fleet is {@link InProcessFleetServer} (not fleet itself), and {@code deploy} runs against the
 * in-process CloudFormation and Secrets Manager endpoints (not AWS).
 */
@ExtendWith(ExampleCredentials.class)
class ConfigPushEtcdTest {

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(1);

  private InProcessFleetServer fleet;
  private Client etcd;

  @BeforeEach
  void start() throws Exception {
    fleet = new InProcessFleetServer(10);
    etcd = ETCD.emptiedClient();
  }

  @AfterEach
  void stop() {
    fleet.close();
    etcd.close();
  }

  private static ClusterDescriptor cluster(String name) {
    return TestClusters.teamNamed(name);
  }

  private Map<String, byte[]> etcdUnder(String prefix) throws Exception {
    Map<String, byte[]> values = new TreeMap<>();
    for (KeyValue kv :
        etcd.getKVClient()
            .get(bytes(prefix), GetOption.builder().isPrefix(true).build())
            .get(5, TimeUnit.SECONDS)
            .getKvs()) {
      values.put(text(kv.getKey()), kv.getValue().getBytes());
    }
    return values;
  }

  private static byte[] resource(String path) throws Exception {
    try (InputStream in = ConfigPushEtcdTest.class.getClassLoader().getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }

  @Test
  void unitsSubmitStoresEveryConfigFileUnderItsKeyBeforeTheUnits() throws Exception {
    CliRun run =
        CliRun.run(
            cluster("cfgtest"),
            "units",
            "submit",
            "--fleet-url",
            fleet.url().toString(),
            "--etcd-url",
            ETCD.endpoints());

    assertEquals(0, run.exitCode(), run.toString());
    Map<String, byte[]> stored = etcdUnder("/");
    assertEquals(
        List.of(
            "/cluster/cfgtest/config/gerrit/ambassadors/postgres.json",
            "/cluster/cfgtest/config/nginx/nginx.conf"),
        List.copyOf(stored.keySet()));
    assertArrayEquals(
        resource("cluster/cfgtest/config/nginx/nginx.conf"),
        stored.get("/cluster/cfgtest/config/nginx/nginx.conf"));
    assertArrayEquals(
        resource("cluster/cfgtest/config/gerrit/ambassadors/postgres.json"),
        stored.get("/cluster/cfgtest/config/gerrit/ambassadors/postgres.json"));
    assertTrue(
        run.err().contains("Stored 2 config file(s) in etcd under /cluster/cfgtest/config/"),
        run.toString());
    assertEquals("inactive", fleet.desiredStates().get("gerrit@1.service"));
  }

  @Test
  void deployStoresTheConfigFilesBeforeStartingTheUnits() throws Exception {
    try (InProcessCloudFormationEndpoint cloudFormation = new InProcessCloudFormationEndpoint();
        InProcessSecretsManagerEndpoint secretsManager = new InProcessSecretsManagerEndpoint()) {
      secretsManager.putSecret("team/gerrit/db-password", "s3cret");
      String[] endpoints = {
        "--endpoint-url",
        cloudFormation.url().toString(),
        "--secrets-endpoint-url",
        secretsManager.url().toString(),
        "--fleet-url",
        fleet.url().toString()
      };

      CliRun noEtcd =
          CliRun.run(
              cluster("cfgtest"),
              concat(new String[] {"deploy", "--yes", "--param", "KeyName=k"}, endpoints));
      assertEquals(2, noEtcd.exitCode(), noEtcd.toString());
      assertEquals(
          List.of(), cloudFormation.actions(), "a usage error must come before the stack changes");

      CliRun run =
          CliRun.run(
              cluster("cfgtest"),
              concat(
                  new String[] {
                    "deploy", "--yes", "--param", "KeyName=k", "--etcd-url", ETCD.endpoints()
                  },
                  endpoints));
      assertEquals(0, run.exitCode(), run.toString());
      assertArrayEquals(
          resource("cluster/cfgtest/config/nginx/nginx.conf"),
          etcdUnder("/cluster/cfgtest/config/nginx/nginx.conf")
              .get("/cluster/cfgtest/config/nginx/nginx.conf"));
      assertEquals(2, etcdUnder("/cluster/cfgtest/config/").size());
      assertEquals("launched", fleet.desiredStates().get("gerrit@1.service"));
    }
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
  }

  @Test
  void withConfigFilesButNoWayToEtcdNothingChanges() throws Exception {
    CliRun run =
        CliRun.run(cluster("cfgtest"), "units", "start", "--fleet-url", fleet.url().toString());

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "the cluster has 2 config file(s) the units read from etcd: pass --etcd-url URL"),
        run.err());
    assertEquals(List.of(), fleet.requests());
    assertEquals(Map.of(), etcdUnder("/"));
  }

  @Test
  void aBadTimeoutIsRefusedBeforeAnyConfigFileIsStored() throws Exception {
    CliRun run =
        CliRun.run(
            cluster("cfgtest"),
            "units",
            "start",
            "--timeout",
            "-1",
            "--fleet-url",
            fleet.url().toString(),
            "--etcd-url",
            ETCD.endpoints());

    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(Map.of(), etcdUnder("/"));
    assertEquals(List.of(), fleet.requests());
  }

  @Test
  void anUpdateWhoseEtcdIsUnreachableLeavesTheStackAsItWas() throws Exception {
    try (InProcessCloudFormationEndpoint cloudFormation = new InProcessCloudFormationEndpoint();
        InProcessSecretsManagerEndpoint secretsManager = new InProcessSecretsManagerEndpoint()) {
      secretsManager.putSecret("team/gerrit/db-password", "s3cret");
      String[] endpoints = {
        "--endpoint-url",
        cloudFormation.url().toString(),
        "--secrets-endpoint-url",
        secretsManager.url().toString(),
        "--fleet-url",
        fleet.url().toString()
      };
      assertEquals(
          0,
          CliRun.run(
                  cluster("cfgtest"),
                  concat(
                      new String[] {
                        "deploy", "--yes", "--param", "KeyName=k", "--etcd-url", ETCD.endpoints()
                      },
                      endpoints))
              .exitCode());
      int callsBefore = cloudFormation.actions().size();
      int fleetRequestsBefore = fleet.requests().size();

      CliRun run =
          CliRun.run(
              cluster("cfgtest"),
              concat(
                  new String[] {
                    "deploy",
                    "--yes",
                    "--param",
                    "KeyName=other",
                    "--etcd-url",
                    "http://127.0.0.1:1"
                  },
                  endpoints));

      assertEquals(1, run.exitCode(), run.toString());
      assertTrue(run.err().contains("cannot reach etcd at http://127.0.0.1:1"), run.err());
      List<String> calls =
          cloudFormation.actions().subList(callsBefore, cloudFormation.actions().size());
      assertTrue(
          calls.stream()
              .noneMatch(
                  c ->
                      c.startsWith("Create")
                          || c.startsWith("Execute")
                          || c.startsWith("Update")
                          || c.startsWith("Delete")),
          calls.toString());
      List<String> fleetRequests =
          fleet.requests().subList(fleetRequestsBefore, fleet.requests().size());
      assertTrue(
          fleetRequests.stream().allMatch(r -> r.startsWith("GET")), fleetRequests.toString());
    }
  }

  @Test
  void aClusterWithoutConfigFilesNeedsNoEtcd() {
    CliRun run =
        CliRun.run(cluster("noconfig"), "units", "submit", "--fleet-url", fleet.url().toString());

    assertEquals(0, run.exitCode(), run.toString());
  }

  @Test
  void anUnreachableEtcdFailsBeforeAnyUnitIsSubmitted() {
    CliRun run =
        CliRun.run(
            cluster("cfgtest"),
            "units",
            "submit",
            "--fleet-url",
            fleet.url().toString(),
            "--etcd-url",
            "http://127.0.0.1:1");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .matches(
                "error: cannot reach etcd at http://127\\.0\\.0\\.1:1 to store /cluster/cfgtest/config/\\S+:"
                    + " connection refused\n"),
        run.err());
    assertEquals(Map.of(), fleet.desiredStates());
  }

  @Test
  void anHttpsEtcdUrlIsRefusedBeforeAnythingChanges() {
    CliRun run =
        CliRun.run(
            cluster("cfgtest"),
            "units",
            "submit",
            "--fleet-url",
            fleet.url().toString(),
            "--etcd-url",
            "https://127.0.0.1:1");

    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(
        "error: --etcd-url must be an http URL such as http://10.0.0.5:2379 (etcd's client port speaks no TLS),"
            + " got 'https://127.0.0.1:1'\n",
        run.err());
    assertEquals(List.of(), fleet.requests());
  }

  @Test
  void configFilesAreFoundInsideAJarWithoutDirectoryEntries(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("jarred-cluster.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      write(out, "cluster/jarred/template.json", "{}");
      write(out, "cluster/jarred/config/a/b.conf", "b\n");
      write(out, "cluster/jarred/config/top.conf", "top\n");
      write(out, "cluster/jarred/units/x.service", "[Service]\n");
      write(out, "cluster/jarredother/config/no.conf", "not this cluster\n");
    }
    ClusterDescriptor jarred =
        new ClusterDescriptor(
            "jarred",
            "eu-west-1",
            "cluster/jarred/template.json",
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
      Thread.currentThread().setContextClassLoader(loader);
      List<ConfigFile> files = ConfigFiles.of(jarred);
      assertEquals(
          List.of("cluster/jarred/config/a/b.conf", "cluster/jarred/config/top.conf"),
          files.stream().map(ConfigFile::resource).toList());
      assertEquals("/cluster/jarred/config/top.conf", files.get(1).key());
      assertEquals("top\n", new String(files.get(1).content(), StandardCharsets.UTF_8));
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static void write(JarOutputStream jar, String name, String content) throws Exception {
    jar.putNextEntry(new JarEntry(name));
    OutputStream out = jar;
    out.write(content.getBytes(StandardCharsets.UTF_8));
    jar.closeEntry();
  }
}
