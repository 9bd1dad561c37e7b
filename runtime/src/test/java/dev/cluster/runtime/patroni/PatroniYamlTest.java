package dev.cluster.runtime.patroni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.patroni.PatroniHa;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.TrixieRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Patroni 4.0.7 itself ({@code patroni --validate-config}) judges what {@link PatroniYaml} renders.
 */
class PatroniYamlTest {

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(1);

  static PatroniMember member(
      String name, String address, String dir, int pgPort, int apiPort, String etcdEndpoints) {
    List<String> etcdHosts =
        Arrays.stream(etcdEndpoints.split(",")).map(url -> url.replace("http://", "")).toList();
    return new PatroniMember(
        "pg",
        name,
        "/service/",
        etcdHosts,
        address + ":" + apiPort,
        address,
        pgPort,
        dir + "/data",
        TrixieRoot.POSTGRES_BIN,
        dir,
        List.of("127.0.0.0/8"),
        new PatroniMember.Credentials("postgres", "super-secret"),
        new PatroniMember.Credentials("replicator", "repl-secret"),
        PatroniHa.ZERO_LOSS);
  }

  private static Validation validate(TrixieRoot root, PatroniMember member, String dir)
      throws Exception {
    String file = dir + "/patroni.yml";
    Files.writeString(root.host(file), PatroniYaml.render(member));
    try {
      Process patroni =
          new ProcessBuilder(
                  root.command("postgres", List.of("patroni", "--validate-config", file)))
              .redirectErrorStream(true)
              .start();
      String output = new String(patroni.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Validation(patroni.waitFor(), output + "\n" + Files.readString(root.host(file)));
    } finally {
      root.remove(dir);
    }
  }

  record Validation(int exit, String output) {}

  @Test
  void patroniAcceptsTheRenderedConfiguration() throws Exception {
    TrixieRoot root = TrixieRoot.require();
    String dir = root.postgresDirectory("validate");
    Validation result =
        validate(
            root,
            member("pg1", "127.0.0.2", dir, FreePorts.next(), FreePorts.next(), ETCD.endpoints()),
            dir);
    assertEquals(0, result.exit(), result.output());
  }

  @Test
  void patroniRejectsAMemberItCouldNotRun() throws Exception {
    TrixieRoot root = TrixieRoot.require();
    String dir = root.postgresDirectory("reject");
    PatroniMember good =
        member("pg1", "127.0.0.2", dir, FreePorts.next(), FreePorts.next(), ETCD.endpoints());
    PatroniMember noBinaries =
        new PatroniMember(
            good.scope(),
            good.name(),
            good.namespace(),
            good.etcd3Hosts(),
            good.restApi(),
            good.postgresHost(),
            good.postgresPort(),
            good.dataDir(),
            "/usr/lib/postgresql/9/bin",
            good.socketDir(),
            good.clientNetworks(),
            good.superuser(),
            good.replication(),
            good.ha());
    Validation result = validate(root, noBinaries, dir);
    assertNotEquals(0, result.exit());
    assertTrue(result.output().contains("bin_dir"), result.output());
  }

  @Test
  void theRenderedConfigurationHasEveryHaSetting() {
    String yaml =
        PatroniYaml.render(
            member("pg1", "127.0.0.2", "/tmp/x", 5432, 8008, "http://127.0.0.1:2379"));
    for (String setting : PatroniHa.ZERO_LOSS.settingLines()) {
      assertTrue(yaml.contains(" " + setting + "\n"), setting + " in\n" + yaml);
    }
    assertTrue(yaml.contains("synchronous_mode_strict: true"), yaml);
  }
}
