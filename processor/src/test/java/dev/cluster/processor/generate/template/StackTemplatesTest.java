package dev.cluster.processor.generate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.testing.Models;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster above what one stack holds generates a parent template and nested ones, each within
 * CloudFormation's limits and wired consistently, the same on every build, no rule moving between
 * nested stacks when a service is added; and cfn-lint with the Control Tower controls passes on all
 * of them. The clusters: the benchmark's shape (a MAIN and five WORKER groups, service i on group i
 * mod 5 with port 10000 + i), each service used by the next one, which runs on the next group, so
 * that every use is a rule of its own (the ports one group opens to another are five apart).
 */
class StackTemplatesTest {
  private static final Pattern CONTROL_ROW =
      Pattern.compile("^\\| (CT\\.[A-Z0-9.]+) \\|", Pattern.MULTILINE);

  static ClusterModel chain(int services, int ruleQuota) {
    List<NodeGroupSpec> groups = new ArrayList<>(List.of(Models.main()));
    for (int g = 0; g < 5; g++) {
      groups.add(Models.group("workers" + g, Role.WORKER, 0, 3, 20));
    }
    List<ServiceSpec> all = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      ServiceSpec service = Models.service("service" + i, "workers" + i % 5, 3, 10000 + i);
      all.add(i + 1 < services ? Models.uses(service, "service" + (i + 1)) : service);
    }
    ClusterSpec c = Models.cluster();
    ClusterSpec raised =
        new ClusterSpec(
            c.id(),
            c.packageName(),
            c.name(),
            c.domain(),
            c.region(),
            c.zones(),
            c.vpcCidr(),
            ruleQuota,
            c.origin());
    return new ClusterModel(raised, groups, all, List.of(), List.of());
  }

  @Test
  void threeThousandServicesGenerateNestedTemplatesEachWithinTheLimitsAndWiredConsistently()
      throws Exception {
    ClusterModel model = chain(3000, 1000);
    StackTemplates stacks = new TemplateGenerator().stacks(model);
    ObjectNode whole = new TemplateGenerator().template(model);

    assertTrue(
        whole.get("Resources").size() > TemplateLimits.MAX_RESOURCES,
        "the whole cluster is more than a stack");
    assertEquals(List.of(), TemplateLimits.problems(model));
    List<String> figures = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> template : stacks.all(model).entrySet()) {
      int resources = template.getValue().get("Resources").size();
      int bytes = Json.pretty(template.getValue()).getBytes(StandardCharsets.UTF_8).length;
      figures.add(template.getKey() + ": " + resources + " resources, " + bytes + " bytes");
      assertTrue(resources <= TemplateLimits.MAX_RESOURCES, figures.toString());
      assertTrue(bytes <= TemplateLimits.MAX_TEMPLATE_BYTES, figures.toString());
      assertTrue(
          template.getValue().path("Parameters").size() <= TemplateLimits.MAX_PARAMETERS,
          figures.toString());
      assertTrue(
          template.getValue().path("Outputs").size() <= TemplateLimits.MAX_OUTPUTS,
          figures.toString());
    }
    System.out.println(
        "3000 services, "
            + stacks.all(model).size()
            + " templates:\n  "
            + String.join("\n  ", figures));

    requireWired(model, stacks);
    // Every rule of the whole template is in exactly one nested stack, as it was: the security
    // meaning is unchanged.
    Map<String, JsonNode> nestedRules = new HashMap<>();
    for (StackTemplates.NestedTemplate child : stacks.children()) {
      child
          .template()
          .get("Resources")
          .fields()
          .forEachRemaining(rule -> nestedRules.put(rule.getKey(), rule.getValue()));
    }
    Set<String> wholeRules = new TreeSet<>();
    whole
        .get("Resources")
        .fields()
        .forEachRemaining(
            resource -> {
              if (resource
                  .getValue()
                  .get("Type")
                  .asText()
                  .equals("AWS::EC2::SecurityGroupIngress")) {
                wholeRules.add(resource.getKey());
                JsonNode nested = nestedRules.get(resource.getKey());
                assertEquals(
                    resource.getValue().at("/Properties/FromPort"),
                    nested.at("/Properties/FromPort"),
                    resource.getKey());
                assertEquals(
                    resource.getValue().at("/Properties/ToPort"),
                    nested.at("/Properties/ToPort"),
                    resource.getKey());
                assertEquals(
                    resource.getValue().at("/Properties/GroupId/Fn::GetAtt/0").asText() + "Id",
                    nested.at("/Properties/GroupId/Ref").asText(),
                    resource.getKey());
              }
            });
    assertEquals(wholeRules, new TreeSet<>(nestedRules.keySet()));
    assertTrue(stacks.parent().get("Resources").fields().hasNext());
    stacks
        .parent()
        .get("Resources")
        .forEach(
            resource ->
                assertTrue(
                    !resource.get("Type").asText().equals("AWS::EC2::SecurityGroupIngress"),
                    resource.toString()));
  }

  @Test
  void theTemplatesAreTheSameOnEveryBuildAndNoRuleMovesWhenServicesAreAdded() {
    List<GeneratedFile> first = new TemplateGenerator().generate(chain(3000, 1000));
    List<GeneratedFile> second = new TemplateGenerator().generate(chain(3000, 1000));
    assertEquals(texts(first), texts(second));

    Map<String, String> before = nestedStackOfEachRule(chain(3000, 1000));
    Map<String, String> after = nestedStackOfEachRule(chain(3001, 1000));
    assertTrue(after.size() > before.size());
    before.forEach((rule, stack) -> assertEquals(stack, after.get(rule), rule));
    // Split already when small, since the declared quota would let the rules outgrow one stack:
    // growing moves nothing.
    Map<String, String> small = nestedStackOfEachRule(chain(10, 1000));
    assertTrue(!small.isEmpty());
    small.forEach((rule, stack) -> assertEquals(stack, before.get(rule), rule));
  }

  @Test
  void aClusterOneStackHoldsWithAllItsQuotaKeepsItsOneTemplate() {
    ClusterModel model = chain(100, 60);
    List<GeneratedFile> files = new TemplateGenerator().generate(model);
    assertEquals(
        List.of(OutputPaths.template(model)), files.stream().map(GeneratedFile::path).toList());
    assertEquals(
        Json.pretty(new TemplateGenerator().template(model)),
        new String(files.get(0).content(), StandardCharsets.UTF_8));
  }

  /**
   * Above a stack, the parent and its nested templates pass cfn-lint and the Control Tower
   * controls, as team-cluster's.
   */
  @Test
  void theParentAndEveryNestedTemplatePassTheCheckers(@TempDir Path dir) throws Exception {
    // 1200 services and the quota 250: a rule each is more than one stack holds, one nested stack
    // per node group.
    ClusterModel model = chain(1200, 250);
    List<GeneratedFile> files = new TemplateGenerator().generate(model);
    assertEquals(7, files.size(), files.stream().map(GeneratedFile::path).toList().toString());
    Path repo = Path.of("").toAbsolutePath().getParent();
    List<String> allowed = new ArrayList<>();
    Matcher rows = CONTROL_ROW.matcher(Files.readString(repo.resolve("docs/CONTROLS.md")));
    while (rows.find()) {
      allowed.addAll(List.of("--allow", rows.group(1)));
    }
    for (GeneratedFile file : files) {
      Path written = dir.resolve(file.path());
      Files.createDirectories(written.getParent());
      Files.write(written, file.content());
      List<String> command =
          new ArrayList<>(List.of("bash", "scripts/check-template.sh", written.toString()));
      command.addAll(allowed);
      Process process =
          new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(300, TimeUnit.SECONDS), "check-template.sh did not finish");
      assertEquals(0, process.exitValue(), file.path() + ":\n" + output);
      assertTrue(!output.contains("LINT "), file.path() + ":\n" + output);
    }
  }

  /**
   * Every nested stack's template exists, under the name its Metadata gives, at the key its
   * TemplateURL reads, which holds the SHA-256 of its text; the parent passes exactly the
   * parameters the child declares, each a resource or parameter of the parent; the child refers to
   * nothing but its parameters.
   */
  private static void requireWired(ClusterModel model, StackTemplates stacks) throws Exception {
    ObjectNode parent = stacks.parent();
    Map<String, StackTemplates.NestedTemplate> children =
        stacks.children().stream()
            .collect(Collectors.toMap(c -> OutputPaths.nestedTemplateName(c.name()), c -> c));
    int nested = 0;
    for (Map.Entry<String, JsonNode> resource : iterable(parent.get("Resources"))) {
      if (!resource.getValue().get("Type").asText().equals("AWS::CloudFormation::Stack")) {
        continue;
      }
      nested++;
      JsonNode stack = resource.getValue();
      StackTemplates.NestedTemplate child =
          children.get(stack.at("/Metadata/dev-cluster:template").asText());
      assertTrue(child != null, resource.getKey() + " names a template that is not generated");
      String key = stack.at("/Metadata/dev-cluster:key").asText();
      assertEquals(
          model.cluster().name() + "/stacks/" + child.name() + "-" + sha256(child.text()) + ".json",
          key);
      assertEquals(
          "https://${BootConfigBucket}.s3.${AWS::Region}.${AWS::URLSuffix}/" + key,
          stack.at("/Properties/TemplateURL/Fn::Sub").asText());
      JsonNode passed = stack.at("/Properties/Parameters");
      assertEquals(names(child.template().get("Parameters")), names(passed), resource.getKey());
      for (Map.Entry<String, JsonNode> value : iterable(passed)) {
        JsonNode node = value.getValue();
        if (node.has("Ref")) {
          assertTrue(parent.get("Parameters").has(node.get("Ref").asText()), node.toString());
        } else {
          assertTrue(
              parent.get("Resources").has(node.at("/Fn::GetAtt/0").asText()), node.toString());
        }
      }
      List<String> refs = new ArrayList<>();
      collectRefs(child.template().get("Resources"), refs);
      refs.forEach(
          ref ->
              assertTrue(
                  child.template().get("Parameters").has(ref), child.name() + " refers to " + ref));
      assertTrue(!child.text().contains("Fn::GetAtt"), child.name());
      assertTrue(child.template().get("Resources").size() > 0);
    }
    assertEquals(stacks.children().size(), nested);
  }

  private static Map<String, String> nestedStackOfEachRule(ClusterModel model) {
    Map<String, String> stackOf = new HashMap<>();
    for (StackTemplates.NestedTemplate child : new TemplateGenerator().stacks(model).children()) {
      child
          .template()
          .get("Resources")
          .fieldNames()
          .forEachRemaining(rule -> stackOf.put(rule, child.name()));
    }
    return stackOf;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("Ref")) {
      refs.add(node.get("Ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }

  private static List<String> texts(List<GeneratedFile> files) {
    return files.stream()
        .map(f -> f.path() + "\n" + new String(f.content(), StandardCharsets.UTF_8))
        .toList();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
