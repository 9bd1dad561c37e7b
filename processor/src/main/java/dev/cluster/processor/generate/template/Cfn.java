package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;

/** CloudFormation's intrinsic functions and the tags every resource carries. */
final class Cfn {
  private Cfn() {}

  static ObjectNode ref(String logicalId) {
    ObjectNode node = Json.object();
    node.put("Ref", logicalId);
    return node;
  }

  static ObjectNode getAtt(String logicalId, String attribute) {
    ObjectNode node = Json.object();
    node.putArray("Fn::GetAtt").add(logicalId).add(attribute);
    return node;
  }

  static ObjectNode sub(String text) {
    ObjectNode node = Json.object();
    node.put("Fn::Sub", text);
    return node;
  }

  static ObjectNode base64(String text) {
    ObjectNode node = Json.object();
    node.put("Fn::Base64", text);
    return node;
  }

  static ObjectNode resource(ObjectNode resources, String logicalId, String type) {
    ObjectNode resource = resources.putObject(logicalId);
    resource.put("Type", type);
    return resource.putObject("Properties");
  }

  static ArrayNode tags(String cluster, String name) {
    ArrayNode tags = Json.array();
    tags.addObject().put("Key", "Name").put("Value", cluster + "-" + name);
    tags.addObject().put("Key", "dev-cluster:cluster").put("Value", cluster);
    return tags;
  }
}
