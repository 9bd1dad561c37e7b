package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.naming.TemplateParameterNames;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A part of the template with every {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} and {@code
 * Fn::Join} replaced by the longest text it can take at deploy time, so that a limit on the
 * deployed value (a policy's size) is checked on its worst case. Values of unknown length count as
 * {@value #UNKNOWN} characters, more than any reference the template makes.
 */
final class LongestValues {
  static final int UNKNOWN = 255;
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  /** AWS's longest partition and URL suffix, and a 12-digit account. */
  private static final Map<String, String> PSEUDO =
      Map.of(
          "AWS::Partition", "aws-us-gov",
          "AWS::AccountId", "123456789012",
          "AWS::URLSuffix", "amazonaws.com.cn");

  /** Route 53 hosted zone ids are at most 32 characters. */
  private static final int HOSTED_ZONE_ID = 32;

  /** An S3 bucket name CloudFormation makes up is at most 63 characters. */
  private static final int BUCKET_NAME = 63;

  private final String region;
  private final JsonNode resources;

  /** For a template of a stack in {@code region} (the cluster's: its zones are that region's). */
  LongestValues(String region, ObjectNode template) {
    this.region = region;
    this.resources = template.path("Resources");
  }

  /** The node with each intrinsic function replaced by its longest value. */
  JsonNode of(JsonNode node) {
    if (node.isArray()) {
      ArrayNode copy = Json.array();
      node.forEach(item -> copy.add(of(item)));
      return copy;
    }
    if (!node.isObject()) {
      return node;
    }
    if (node.size() == 1 && node.has("Ref")) {
      return TextNode.valueOf(ref(node.get("Ref").asText()));
    }
    if (node.size() == 1 && node.has("Fn::GetAtt")) {
      return TextNode.valueOf(
          getAtt(node.get("Fn::GetAtt").path(0).asText(), node.get("Fn::GetAtt").path(1).asText()));
    }
    if (node.size() == 1 && node.has("Fn::Sub") && node.get("Fn::Sub").isTextual()) {
      return TextNode.valueOf(sub(node.get("Fn::Sub").asText()));
    }
    if (node.size() == 1 && node.has("Fn::Join")) {
      StringBuilder joined = new StringBuilder();
      JsonNode parts = node.get("Fn::Join").path(1);
      for (int i = 0; i < parts.size(); i++) {
        joined
            .append(i == 0 ? "" : node.get("Fn::Join").path(0).asText())
            .append(of(parts.get(i)).asText());
      }
      return TextNode.valueOf(joined.toString());
    }
    ObjectNode copy = Json.object();
    node.fields().forEachRemaining(field -> copy.set(field.getKey(), of(field.getValue())));
    return copy;
  }

  private String sub(String text) {
    Matcher variables = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (variables.find()) {
      String name = variables.group(1);
      int dot = name.indexOf('.');
      String value = dot < 0 ? ref(name) : getAtt(name.substring(0, dot), name.substring(dot + 1));
      variables.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    variables.appendTail(out);
    return out.toString();
  }

  private String ref(String name) {
    if (name.equals("AWS::Region")) {
      return region;
    }
    if (PSEUDO.containsKey(name)) {
      return PSEUDO.get(name);
    }
    return "x".repeat(name.equals(TemplateParameterNames.HOSTED_ZONE) ? HOSTED_ZONE_ID : UNKNOWN);
  }

  private String getAtt(String logicalId, String attribute) {
    String type = resources.path(logicalId).path("Type").asText();
    if (attribute.equals("Arn") && type.equals("AWS::ECR::Repository")) {
      return "arn:"
          + ref("AWS::Partition")
          + ":ecr:"
          + ref("AWS::Region")
          + ":"
          + ref("AWS::AccountId")
          + ":repository/"
          + resources.path(logicalId).at("/Properties/RepositoryName").asText();
    }
    if (attribute.equals("Arn") && type.equals("AWS::S3::Bucket")) {
      return "arn:" + ref("AWS::Partition") + ":s3:::" + "x".repeat(BUCKET_NAME);
    }
    return "x".repeat(UNKNOWN);
  }
}
