package dev.cluster.processor.generate.template;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A large cluster, generated here as sources: 300 services over a MAIN and five WORKER groups, each
 * service with an HTTP and a metrics port, its own secret and one of a few shared ones, each using
 * the next service, the eighth and the fifteenth after it (on three other groups), monitors on MAIN
 * using every service, and a public front door. Each node group gives its services a block of
 * consecutive ports, as a team numbering its services would; then every group's openings from one
 * other group are one rule. It compiles without a warning and its template fits every AWS limit,
 * with the figures printed.
 */
class LargeClusterLimitsTest {
  private static final int SERVICES = 300;
  private static final int SHARED_SECRETS = 20;
  private static final List<String> GROUPS =
      List.of("Main", "Workers0", "Workers1", "Workers2", "Workers3", "Workers4");

  private static ClusterSources largeCluster() {
    ClusterSources sources = ClusterSources.valid().without("Web").without("Workers");
    for (String group : GROUPS.subList(1, GROUPS.size())) {
      sources.with(
          group,
          """
          @NodeGroup(role = Role.WORKER, min = 3, max = 20, instanceTypes = {"m6i.large", "m6a.large"})
          public class %s {}
          """
              .formatted(group));
    }
    for (int s = 0; s < SHARED_SECRETS; s++) {
      sources.with(
          "Shared" + s,
          """
          @Secret(description = "a token several services share", name = "shared-token-%d")
          public class Shared%d {}
          """
              .formatted(s, s));
    }
    for (int i = 0; i < SERVICES; i++) {
      int group = i % GROUPS.size();
      int port = 8000 + 1000 * group + i / GROUPS.size();
      String uses =
          IntStream.of(i + 1, i + 8, i + 15)
              .filter(u -> u < SERVICES)
              .mapToObj(u -> "Service" + u + ".class")
              .collect(Collectors.joining(", "));
      sources.with(
          "Secret" + i,
          """
          @Secret(description = "the API key of service %d", name = "service-%03d-api-key")
          public class Secret%d {}
          """
              .formatted(i, i, i));
      sources.with(
          "Service" + i,
          """
          @Service(image = "example/service%d:1.0", replicas = 2, runsOn = %s.class,
              ports = {@Port(value = %d, name = "http"), @Port(value = %d, name = "metrics")},
              uses = {%s},
              secrets = {Secret%d.class, Shared%d.class})
          public class Service%d {}
          """
              .formatted(i, GROUPS.get(group), port, port + 500, uses, i, i % SHARED_SECRETS, i));
    }
    // Monitors on MAIN scrape every service's metrics port, twenty services each (a unit names its
    // uses on one line).
    for (int m = 0; m * 20 < SERVICES; m++) {
      String scraped =
          IntStream.range(m * 20, Math.min(SERVICES, (m + 1) * 20))
              .mapToObj(u -> "Service" + u + ".class")
              .collect(Collectors.joining(", "));
      sources.with(
          "Monitor" + m,
          """
          @Service(image = "example/monitor:1.0", runsOn = Main.class, uses = {%s})
          public class Monitor%d {}
          """
              .formatted(scraped, m));
    }
    return sources.with(
        "Door",
        """
        @Service(image = "example/nginx:1.27", replicas = 2, runsOn = Workers0.class, ports = {@Port(80), @Port(443)})
        @Public(reason = "the front door")
        @FrontDoor
        public class Door {}
        """);
  }

  @Test
  void compilesCleanAndItsTemplateFitsEveryLimit() throws Exception {
    Compilation compilation = Compile.cluster(largeCluster());
    assertThat(compilation).succeededWithoutWarnings();
    String text = Compile.generated(compilation, "cluster/demo/template.json").orElseThrow();
    ObjectNode template = (ObjectNode) new ObjectMapper().readTree(text);

    List<String> figures = new ArrayList<>();
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    figures.add(
        "resources "
            + template.get("Resources").size()
            + " of "
            + TemplateLimits.MAX_RESOURCES
            + ", outputs "
            + template.get("Outputs").size()
            + " of "
            + TemplateLimits.MAX_OUTPUTS
            + ", parameters "
            + template.get("Parameters").size()
            + " of "
            + TemplateLimits.MAX_PARAMETERS
            + ", body "
            + bytes
            + " of "
            + TemplateLimits.MAX_TEMPLATE_BYTES
            + " bytes");
    assertTrue(
        template.get("Resources").size() <= TemplateLimits.MAX_RESOURCES, figures.toString());
    assertTrue(bytes <= TemplateLimits.MAX_TEMPLATE_BYTES, figures.toString());
    for (String group : GROUPS) {
      Map<String, Integer> rules =
          SecurityGroupRules.inboundBySource(template, group + "SecurityGroup");
      int count = rules.values().stream().mapToInt(Integer::intValue).sum();
      Map<String, Integer> policies = RolePolicySizes.sizes("eu-west-1", template, group + "Role");
      int policy = policies.values().stream().mapToInt(Integer::intValue).sum();
      int openings = openings(template, group + "SecurityGroup");
      figures.add(
          group
              + ": ingress rules "
              + count
              + " of 60 "
              + rules
              + " for "
              + openings
              + " ports opened to a source, inline policies "
              + policy
              + " of "
              + RolePolicySizes.MAX_ROLE_POLICY_CHARACTERS
              + " characters "
              + policies);
      assertTrue(count > 0 && count <= 60, figures.toString());
      assertTrue(
          policy > 0 && policy <= RolePolicySizes.MAX_ROLE_POLICY_CHARACTERS, figures.toString());
    }
    assertTrue(Compile.generated(compilation, "cluster/demo/units/monitor0@.service").isPresent());
    System.out.println(
        "Large cluster ("
            + SERVICES
            + " services, "
            + (SERVICES + SHARED_SECRETS)
            + " secrets, "
            + GROUPS.size()
            + " node groups):\n  "
            + String.join("\n  ", figures));
  }

  /**
   * The ports a security group opens, counted once per source: the rules it would need without
   * runs.
   */
  private static int openings(ObjectNode template, String securityGroup) {
    int ports = 0;
    for (var resource : template.get("Resources")) {
      if (resource.at("/Properties/GroupId/Fn::GetAtt/0").asText().equals(securityGroup)) {
        ports +=
            resource.at("/Properties/ToPort").asInt()
                - resource.at("/Properties/FromPort").asInt()
                + 1;
      }
    }
    return ports;
  }
}
