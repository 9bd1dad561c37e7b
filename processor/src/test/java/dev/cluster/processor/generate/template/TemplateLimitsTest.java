package dev.cluster.processor.generate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.testing.Models;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every AWS limit the template can reach, on models built in code and, for the limits no model
 * reaches today (mappings, long names), on templates built by hand. The compile-testing side
 * (message on the declaration at fault) is {@code TemplateLimitsCompilationTest}.
 */
class TemplateLimitsTest {
  /**
   * {@code count} services on workers, each used by a client on main, on ports {@code step} apart.
   */
  static ClusterModel withOpenings(int count, int step) {
    List<ServiceSpec> services = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      services.add(Models.service("api" + i, "workers", 1, 20000 + step * i));
    }
    String[] used = services.stream().map(ServiceSpec::name).toArray(String[]::new);
    services.add(Models.uses(Models.service("client", "main", 1), used));
    return Models.model(List.of(Models.main(), Models.workers()), services);
  }

  private static List<String> messages(List<Problem> problems, String tag) {
    return problems.stream().map(Problem::message).filter(m -> m.startsWith(tag)).toList();
  }

  @Test
  void aTemplateOverFiveHundredResourcesSplitsIntoNestedStacks() {
    ClusterModel model = withOpenings(480, 2);
    assertEquals(List.of(), messages(TemplateLimits.problems(model), "[template-limits]"));
    assertEquals(
        List.of("MainIngress", "WorkersIngress"),
        new TemplateGenerator()
            .stacks(model).children().stream().map(StackTemplates.NestedTemplate::name).toList());
  }

  @Test
  void aNestedStackOverFiveHundredResourcesIsAnError() {
    List<String> problems =
        messages(TemplateLimits.problems(withOpenings(600, 2)), "[template-limits]");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "[template-limits] nested template WorkersIngress of cluster demo has 601"
                    + " resources but a stack holds at most 500; above that a node group's security-group openings go to a nested"
                    + " stack of their own"),
        problems.get(0));
  }

  @Test
  void consecutivePortsOpenedToOneGroupAreOneRuleSoManyServicesFit() {
    assertEquals(List.of(), TemplateLimits.problems(withOpenings(480, 1)));
  }

  @Test
  void aTemplateWithinTheLimitsIsFine() {
    assertEquals(List.of(), TemplateLimits.problems(withOpenings(40, 2)));
  }

  @Test
  void aSecurityGroupOverItsRuleQuotaIsAnErrorNamingTheGroupTheCountAndTheQuota() {
    List<String> problems =
        messages(TemplateLimits.problems(withOpenings(60, 2)), "[security-group-rules]");
    assertEquals(
        List.of(
            "[security-group-rules] the security group of node group workers needs 61 inbound rules"
                + " (1 from AdminCidr, 60 from Main) but the quota \"Inbound or outbound rules per security group\" is 60:"
                + " give the ports this group opens to one source consecutive numbers (each run is one rule), put services"
                + " that use each other on fewer node groups, or raise the quota (Service Quotas, Amazon VPC, in region"
                + " eu-west-1) and declare it with @Cluster(securityGroupRuleQuota = 70)"),
        problems);
  }

  @Test
  void aRaisedRuleQuotaTakesMoreRules() {
    ClusterModel model = withOpenings(60, 2);
    ClusterSpec c = model.cluster();
    ClusterSpec raised =
        new ClusterSpec(
            c.id(),
            c.packageName(),
            c.name(),
            c.domain(),
            c.region(),
            c.zones(),
            c.vpcCidr(),
            70,
            c.origin());
    assertEquals(
        List.of(),
        TemplateLimits.problems(
            new ClusterModel(
                raised, model.nodeGroups(), model.services(), model.secrets(), model.groups())));
  }

  private static ObjectNode templateWith(String section, int entries) {
    ObjectNode template = new TemplateGenerator().template(withOpenings(1, 1));
    ObjectNode node = template.putObject(section);
    for (int i = 0; i < entries; i++) {
      node.putObject("Entry" + i).put("Value", "x");
    }
    return template;
  }

  private static List<String> stackMessages(ObjectNode template) {
    return TemplateLimits.stackProblems(withOpenings(1, 1), template).stream()
        .map(Problem::message)
        .toList();
  }

  @Test
  void moreThanTwoHundredOutputsIsAnError() {
    assertEquals(
        List.of(
            "[template-limits] the template of cluster demo has 201 outputs but a stack holds at most"
                + " 200; there are two per node group and one per team image: declare fewer node groups or team images"),
        stackMessages(templateWith("Outputs", 201)));
    assertEquals(List.of(), stackMessages(templateWith("Outputs", 200)));
  }

  @Test
  void moreThanTwoHundredParametersIsAnError() {
    assertEquals(
        List.of(
            "[template-limits] the template of cluster demo has 201 parameters but a stack holds at most"
                + " 200; each distinct openToParameter is one: let ports that open to the same addresses name the same parameter"),
        stackMessages(templateWith("Parameters", 201)));
  }

  @Test
  void moreThanTwoHundredMappingsOrKeysInOneMappingIsAnError() {
    assertEquals(
        List.of(
            "[template-limits] the template of cluster demo has 201 mappings but a stack holds at most"
                + " 200; generate/template must write fewer"),
        stackMessages(templateWith("Mappings", 201)));
    ObjectNode template = templateWith("Mappings", 1);
    ObjectNode mapping = (ObjectNode) template.get("Mappings").get("Entry0");
    for (int i = 0; i < 200; i++) {
      mapping.putObject("Key" + i).put("Value", "x");
    }
    assertEquals(
        List.of(
            "[template-limits] mapping Entry0 of the template of cluster demo has 201 keys but"
                + " CloudFormation takes at most 200 per mapping; generate/template must split it"),
        stackMessages(template));
  }

  @Test
  void aNameOverTwoHundredFiftyFiveCharactersIsAnError() {
    ObjectNode template = templateWith("Outputs", 0);
    String name = "A".repeat(250) + "RepositoryUri";
    ((ObjectNode) template.get("Outputs")).putObject(name).put("Value", "x");
    assertEquals(
        List.of(
            "[template-limits] the template of cluster demo names one of its outputs "
                + "A".repeat(40)
                + "... (263 characters) but CloudFormation takes names of at most 255 characters: shorten the node group,"
                + " service or image name it is made of"),
        stackMessages(template));
  }

  @Test
  void aTemplateDescriptionOverOneKilobyteIsAnError() {
    ObjectNode template = templateWith("Outputs", 0);
    template.put("Description", "d".repeat(1025));
    assertEquals(
        List.of(
            "[template-limits] the description of the template of cluster demo is 1025 bytes but"
                + " CloudFormation takes at most 1024; it names the cluster's domain and class: shorten the package name"),
        stackMessages(template));
  }

  @Test
  void aTemplateOverOneMegabyteIsAnError() {
    ObjectNode template = templateWith("Outputs", 0);
    template.putObject("Metadata").put("Padding", "p".repeat(1_000_000));
    List<String> messages = stackMessages(template);
    assertEquals(1, messages.size(), messages.toString());
    assertTrue(
        messages
            .get(0)
            .matches(
                "\\[template-limits] the template of cluster demo is \\d+ bytes but CloudFormation"
                    + " reads at most 1000000 \\(through S3\\): .*"),
        messages.get(0));
    assertTrue(Json.pretty(templateWith("Outputs", 0)).length() < 1_000_000);
  }
}
