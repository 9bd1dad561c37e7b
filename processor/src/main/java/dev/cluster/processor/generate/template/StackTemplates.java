package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.naming.TemplateParameterNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster's templates as CloudFormation deploys them. When one stack holds the cluster ({@link
 * TemplateLimits}) with as many rules as its node groups' quota allows, the whole template alone.
 * Above that, the whole template less its security-group ingress rules, the only resources whose
 * number grows with the services (one per source and run of ports), as the parent; and nested
 * stacks holding the rules of each node group's security group, the group ids and address
 * parameters the rules name passed in as parameters. The rules and their meaning are the same
 * either way.
 *
 * <p>A rule's nested stack is fixed by what the rule is: its target group and, when the group's
 * rule quota is more than {@value #RULES_PER_PART}, its logical id's hash modulo the parts that
 * quota needs. So no rule ever moves from one nested stack to another on a change (which would
 * create it in one before deleting it in the other, and EC2 refuses a duplicate rule), and a nested
 * stack holds about its share of at most the quota. The parent reads each child from {@code
 * s3://<BootConfigBucket>/<cluster>/stacks/<child>-<sha256>.json}: content-addressed, so that a
 * changed child changes the parent's TemplateURL, and in the bucket the deploy client already
 * uploads the template and the boot configurations to. Each nested stack's Metadata names the
 * child's file beside the template and that key, which is all the deploy client needs to upload it.
 */
public record StackTemplates(ObjectNode parent, String parentText, List<NestedTemplate> children) {
  /**
   * The metadata of a nested stack naming its template's file, relative to the cluster's template.
   */
  public static final String TEMPLATE_METADATA = "dev-cluster:template";

  /** The metadata of a nested stack naming the key of its template in the bucket. */
  public static final String KEY_METADATA = "dev-cluster:key";

  private static final String INGRESS = "AWS::EC2::SecurityGroupIngress";
  private static final String SECURITY_GROUP_SUFFIX = "SecurityGroup";

  /** A node group's rules per nested stack, on average, at most: half of what a stack holds. */
  static final int RULES_PER_PART = TemplateLimits.MAX_RESOURCES / 2;

  public StackTemplates {
    children = List.copyOf(children);
  }

  /** One nested stack's template, with the text written and hashed for its key. */
  public record NestedTemplate(String name, ObjectNode template, String text) {}

  static StackTemplates of(ClusterModel model, ObjectNode whole) {
    // Printed once here: the limits check and the generator read this text (a template of 1000
    // services is ~1 MB).
    String wholeText = holdsEveryRule(model, whole) ? Json.pretty(whole) : null;
    if (wholeText != null
        && wholeText.getBytes(StandardCharsets.UTF_8).length <= TemplateLimits.MAX_TEMPLATE_BYTES) {
      return new StackTemplates(whole, wholeText, List.of());
    }
    ObjectNode parent = whole.deepCopy();
    ObjectNode resources = (ObjectNode) parent.get("Resources");
    int parts = parts(model);
    Map<String, Map<String, JsonNode>> rulesByChild = new TreeMap<>();
    List<String> moved = new ArrayList<>();
    resources
        .fields()
        .forEachRemaining(
            resource -> {
              if (resource.getValue().path("Type").asText().equals(INGRESS)) {
                String group = resource.getValue().at("/Properties/GroupId/Fn::GetAtt/0").asText();
                String name =
                    group.substring(0, group.length() - SECURITY_GROUP_SUFFIX.length())
                        + "Ingress"
                        + (parts == 1
                            ? ""
                            : String.valueOf(
                                Math.floorMod(resource.getKey().hashCode(), parts) + 1));
                rulesByChild
                    .computeIfAbsent(name, n -> new LinkedHashMap<>())
                    .put(resource.getKey(), resource.getValue());
                moved.add(resource.getKey());
              }
            });
    resources.remove(moved);
    List<NestedTemplate> children = new ArrayList<>();
    for (Map.Entry<String, Map<String, JsonNode>> rules : rulesByChild.entrySet()) {
      ObjectNode passed = Json.object();
      ObjectNode child =
          child(model, rules.getKey(), rules.getValue(), parent.path("Parameters"), passed);
      NestedTemplate nested = new NestedTemplate(rules.getKey(), child, Json.pretty(child));
      children.add(nested);
      nest(model, resources, nested, passed);
    }
    return new StackTemplates(parent, Json.pretty(parent), children);
  }

  /** Every template, the parent first, with the name its limit messages give it. */
  Map<String, ObjectNode> all(ClusterModel model) {
    Map<String, ObjectNode> all = new LinkedHashMap<>();
    all.put(parentName(model), parent);
    children.forEach(child -> all.put(childName(model, child), child.template()));
    return all;
  }

  /** Every template's text as written, keyed as {@link #all} keys the templates. */
  Map<String, String> texts(ClusterModel model) {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put(parentName(model), parentText);
    children.forEach(child -> texts.put(childName(model, child), child.text()));
    return texts;
  }

  private static String parentName(ClusterModel model) {
    return "the template of cluster " + model.cluster().name();
  }

  private static String childName(ClusterModel model, NestedTemplate child) {
    return "nested template " + child.name() + " of cluster " + model.cluster().name();
  }

  /**
   * How many nested stacks share one node group's rules: enough that the group's quota of rules
   * ({@link SecurityGroupRules}) fits with room to spare, since a rule's part is its logical id's
   * hash, stable across builds but not evenly spread.
   */
  private static int parts(ClusterModel model) {
    return Math.max(
        1, (model.cluster().securityGroupRuleQuota() + RULES_PER_PART - 1) / RULES_PER_PART);
  }

  /**
   * Whether one stack holds the cluster however many rules its security groups get within their
   * quota: the split depends on the declared node groups and quota, not on the services, so that
   * adding services never moves the rules of a deployed stack into nested ones (CloudFormation
   * would create each in its nested stack before deleting it from the parent, and EC2 refuses the
   * duplicate). The template as it is counts too, for a model whose groups exceed their quota
   * (itself an error {@link SecurityGroupRules} reports). The caller checks the template's bytes.
   */
  private static boolean holdsEveryRule(ClusterModel model, ObjectNode whole) {
    int resources = whole.path("Resources").size();
    int rules = 0;
    for (JsonNode resource : whole.path("Resources")) {
      if (resource.path("Type").asText().equals(INGRESS)) {
        rules++;
      }
    }
    int mostRules = model.nodeGroups().size() * model.cluster().securityGroupRuleQuota();
    return resources - rules + Math.max(rules, mostRules) <= TemplateLimits.MAX_RESOURCES;
  }

  /**
   * A child holding {@code rules}: each security group they name ({@code Fn::GetAtt [X, GroupId]})
   * becomes parameter {@code XId}, each parameter of the parent they name the same parameter;
   * {@code passed} gets the values the parent passes for them.
   */
  private static ObjectNode child(
      ClusterModel model,
      String name,
      Map<String, JsonNode> rules,
      JsonNode parentParameters,
      ObjectNode passed) {
    ObjectNode child = Json.object();
    child.put("AWSTemplateFormatVersion", "2010-09-09");
    child.put(
        "Description",
        "Security-group ingress rules "
            + name
            + " of cluster "
            + model.cluster().name()
            + ", nested in the cluster's stack");
    ObjectNode parameters = child.putObject("Parameters");
    ObjectNode resources = child.putObject("Resources");
    for (Map.Entry<String, JsonNode> rule : rules.entrySet()) {
      resources.set(
          rule.getKey(),
          passedIn(rule.getValue().deepCopy(), parentParameters, parameters, passed));
    }
    return child;
  }

  /**
   * {@code node} with every reference to the parent's resources or parameters made a reference to a
   * parameter.
   */
  private static JsonNode passedIn(
      JsonNode node, JsonNode parentParameters, ObjectNode parameters, ObjectNode passed) {
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, passedIn(array.get(i), parentParameters, parameters, passed));
      }
      return array;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode object = (ObjectNode) node;
    if (object.has("Fn::GetAtt")) {
      String resource = object.at("/Fn::GetAtt/0").asText();
      if (!object.at("/Fn::GetAtt/1").asText().equals("GroupId")) {
        throw new IllegalStateException(
            "a nested ingress rule reads " + object + ", which no parameter passes");
      }
      String parameter = resource + "Id";
      if (!parameters.has(parameter)) {
        parameters
            .putObject(parameter)
            .put("Type", "AWS::EC2::SecurityGroup::Id")
            .put("Description", "The id of security group " + resource + " of the parent stack");
        passed.set(parameter, Cfn.getAtt(resource, "GroupId"));
      }
      return Cfn.ref(parameter);
    }
    if (object.has("Ref")) {
      String parameter = object.get("Ref").asText();
      if (!parentParameters.has(parameter)) {
        throw new IllegalStateException(
            "a nested ingress rule refers to " + parameter + ", which no parameter passes");
      }
      if (!parameters.has(parameter)) {
        parameters.set(parameter, parentParameters.get(parameter).deepCopy());
        passed.set(parameter, Cfn.ref(parameter));
      }
      return object;
    }
    object
        .fields()
        .forEachRemaining(
            field ->
                field.setValue(passedIn(field.getValue(), parentParameters, parameters, passed)));
    return object;
  }

  private static void nest(
      ClusterModel model, ObjectNode resources, NestedTemplate child, ObjectNode passed) {
    String key =
        model.cluster().name() + "/stacks/" + child.name() + "-" + sha256(child.text()) + ".json";
    ObjectNode stack =
        Cfn.resource(resources, child.name() + "Stack", "AWS::CloudFormation::Stack");
    stack.set(
        "TemplateURL",
        Cfn.sub(
            "https://${"
                + TemplateParameterNames.BOOT_CONFIG_BUCKET
                + "}.s3.${AWS::Region}.${AWS::URLSuffix}/"
                + key));
    stack.set("Parameters", passed);
    stack.set("Tags", Cfn.tags(model.cluster().name(), child.name()));
    ((ObjectNode) resources.get(child.name() + "Stack"))
        .putObject("Metadata")
        .put(TEMPLATE_METADATA, OutputPaths.nestedTemplateName(child.name()))
        .put(KEY_METADATA, key);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
