package dev.cluster.processor.generate.template;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The template's AWS limits through the real processor: each error on the declaration whose change
 * fixes it. The limits on templates no cluster reaches yet are in {@code TemplateLimitsTest}.
 */
class TemplateLimitsCompilationTest {
  private static final String DEMO =
      """
      @Cluster(name = "demo", domain = "demo.example.com", region = "eu-west-1",
          zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"}%s)
      public class Demo {}
      """;

  /** Services per client: more would make the client's unit lines longer than fleet reads. */
  private static final int USES_PER_CLIENT = 20;

  /**
   * {@code count} services {@code Api<i>} on Workers, on ports {@code step} apart, each used from
   * each of {@code clientGroups} WORKER groups {@code Clients<g>} (by one of its clients {@code
   * Client<g>x<n>}), and a cluster declaring {@code clusterExtra}.
   */
  private static ClusterSources openings(
      int count, int step, int clientGroups, String clusterExtra) {
    ClusterSources sources = ClusterSources.valid().with("Demo", DEMO.formatted(clusterExtra));
    for (int i = 0; i < count; i++) {
      sources.with(
          "Api" + i,
          """
          @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(%d))
          public class Api%d {}
          """
              .formatted(20000 + step * i, i));
    }
    for (int g = 0; g < clientGroups; g++) {
      sources.with(
          "Clients" + g,
          """
          @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large", "m6a.large"})
          public class Clients%d {}
          """
              .formatted(g));
      for (int n = 0; n * USES_PER_CLIENT < count; n++) {
        String used =
            IntStream.range(n * USES_PER_CLIENT, Math.min(count, (n + 1) * USES_PER_CLIENT))
                .mapToObj(i -> "Api" + i + ".class")
                .collect(Collectors.joining(", "));
        sources.with(
            "Client" + g + "x" + n,
            """
            @Service(image = "example/client:1.0", runsOn = Clients%d.class, uses = {%s})
            public class Client%dx%d {}
            """
                .formatted(g, used, g, n));
      }
    }
    return sources;
  }

  @Test
  void aNodeGroupOpeningMoreRulesThanTheQuotaIsAnErrorOnThatGroup() {
    ClusterSources sources = openings(60, 2, 1, "");
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[security-group-rules] the security group of node group workers needs"
                + " 61 inbound rules (1 from AdminCidr, 60 from Clients0) but the quota \"Inbound or outbound rules per"
                + " security group\" is 60: give the ports this group opens to one source consecutive numbers")
        .inFile(sources.file("Workers"))
        .onLineContaining("@NodeGroup");
    assertThat(compilation)
        .hadErrorContaining("declare it with @Cluster(securityGroupRuleQuota = 70)");
  }

  @Test
  void aDeclaredRaisedQuotaTakesThem() {
    assertThat(Compile.cluster(openings(60, 2, 1, ",\n    securityGroupRuleQuota = 70")))
        .succeededWithoutWarnings();
  }

  @Test
  void consecutivePortsAreOneRule() {
    assertThat(Compile.cluster(openings(100, 1, 1, ""))).succeededWithoutWarnings();
  }

  @Test
  void aClusterOverFiveHundredResourcesCompilesIntoNestedStacks() {
    // 495 rules on Workers: more than one stack holds with the rest; a quota of 1000 shares them
    // among 4 nested stacks.
    Compilation compilation =
        Compile.cluster(openings(165, 2, 3, ",\n    securityGroupRuleQuota = 1000"));
    assertThat(compilation).succeededWithoutWarnings();
    String template = Compile.generated(compilation, "cluster/demo/template.json").orElseThrow();
    for (int part = 1; part <= 4; part++) {
      assertTrue(
          template.contains(
              "\"dev-cluster:template\" : \"stacks/WorkersIngress" + part + ".json\""),
          template);
      assertTrue(
          Compile.generated(compilation, "cluster/demo/stacks/WorkersIngress" + part + ".json")
              .isPresent());
    }
    assertFalse(template.contains("AWS::EC2::SecurityGroupIngress"));
  }

  @Test
  void moreThanTwoHundredParametersIsAnErrorOnTheCluster() {
    // 198 ports (11 services of 18, as a unit lists its ports on one line) each open to its own
    // address range, and the template's own ImageId, KeyName, AdminCidr and BootConfigBucket.
    ClusterSources sources =
        ClusterSources.valid().with("Demo", DEMO.formatted(",\n    securityGroupRuleQuota = 1000"));
    for (int service = 0; service < 11; service++) {
      String ports =
          IntStream.range(service * 18, (service + 1) * 18)
              .mapToObj(
                  i -> "@Port(value = %d, openToParameter = \"Range%d\")".formatted(30000 + i, i))
              .collect(Collectors.joining(",\n        "));
      sources.with(
          "Web" + service,
          """
          @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class, ports = {
              %s})
          public class Web%d {}
          """
              .formatted(ports, service));
    }
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[template-limits] the template of cluster demo has 202 parameters but a"
                + " stack holds at most 200; each distinct openToParameter is one: let ports that open to the same addresses"
                + " name the same parameter")
        .inFile(sources.file("Demo"))
        .onLineContaining("@Cluster");
  }

  @Test
  void aRoleWithTooManySecretsIsAnErrorOnItsNodeGroup() {
    ClusterSources sources = ClusterSources.valid();
    for (int i = 0; i < 130; i++) {
      sources.with(
          "Secret" + i,
          """
          @Secret(description = "secret number %d", name = "secret-%03d")
          public class Secret%d {}
          """
              .formatted(i, i, i));
    }
    // Spread over services: one service's unit names its secrets on one line, which fleet caps.
    for (int service = 0; service < 7; service++) {
      String secrets =
          IntStream.range(service * 20, Math.min(130, (service + 1) * 20))
              .mapToObj(i -> "Secret" + i + ".class")
              .collect(Collectors.joining(", "));
      sources.with(
          "Reader" + service,
          """
          @Service(image = "example/reader:1.0", runsOn = Workers.class, secrets = {%s})
          public class Reader%d {}
          """
              .formatted(secrets, service));
    }
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[role-policy-size] the role of node group workers needs inline policies of")
        .inFile(sources.file("Workers"))
        .onLineContaining("@NodeGroup");
    assertThat(compilation)
        .hadErrorContaining("but IAM takes at most 10240 per role (white space excluded)");
  }
}
