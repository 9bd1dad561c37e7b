package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.diag.Severity;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.NodeGroupSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2's limit on a launch template's user data: 16,384 bytes raw, before base64. What the stack
 * fills in at deploy time counts, so every {@code Ref} is measured at the longest value it can
 * take: a parameter's {@code MaxLength} (or the documented maximum of its AWS type), a pseudo
 * parameter's documented maximum (or a generous bound where AWS documents none), a bucket's 63
 * characters.
 */
public final class UserDataLimit {
  /**
   * EC2 RunInstances and launch templates: "User data is limited to 16 KB, in raw form, before it
   * is base64-encoded".
   */
  public static final int MAX_RAW_BYTES = 16_384;

  private static final String TAG = "[user-data-limit] ";
  private static final char FILLER = 'x';

  /**
   * Pseudo parameters: the account id has 12 digits; a stack name at most 128 characters; region
   * and URL suffix have no documented maximum (the longest today are 15 and 16 characters), so 32
   * bounds them.
   */
  private static final Map<String, Integer> PSEUDO_PARAMETERS =
      Map.of(
          "AWS::AccountId",
          12,
          "AWS::Region",
          32,
          "AWS::URLSuffix",
          32,
          "AWS::Partition",
          32,
          "AWS::StackName",
          128);

  /**
   * Parameter types without MaxLength: Route 53's zone ids have at most 32 characters, AMI ids 21,
   * key pair names 255.
   */
  private static final Map<String, Integer> PARAMETER_TYPES =
      Map.of(
          "AWS::Route53::HostedZone::Id",
          32,
          "AWS::EC2::Image::Id",
          21,
          "AWS::EC2::KeyPair::KeyName",
          255);

  /** A Ref to a resource yields its name: S3 bucket names have at most 63 characters. */
  private static final Map<String, Integer> RESOURCE_TYPES = Map.of("AWS::S3::Bucket", 63);

  private UserDataLimit() {}

  /** One launch template's user data with every Ref at its longest value. */
  public record Measured(String launchTemplate, String raw) {
    public int rawBytes() {
      return raw.getBytes(StandardCharsets.UTF_8).length;
    }

    public int base64Bytes() {
      return (rawBytes() + 2) / 3 * 4;
    }

    public int margin() {
      return MAX_RAW_BYTES - rawBytes();
    }
  }

  public static List<Problem> problems(ClusterModel model) {
    return problems(model, new TemplateGenerator().template(model));
  }

  public static List<Problem> problems(ClusterModel model, ObjectNode template) {
    Map<String, NodeGroupSpec> groups = new LinkedHashMap<>();
    model.nodeGroups().forEach(g -> groups.put(Names.pascal(g.name()) + "LaunchTemplate", g));
    List<Problem> problems = new ArrayList<>();
    for (Measured userData : measure(template)) {
      if (userData.rawBytes() > MAX_RAW_BYTES) {
        NodeGroupSpec group = groups.get(userData.launchTemplate());
        problems.add(
            new Problem(
                Severity.ERROR,
                TAG
                    + "the user data of "
                    + (group == null ? "" : "node group " + group.name() + " (")
                    + "launch template "
                    + userData.launchTemplate()
                    + (group == null ? "" : ")")
                    + " is "
                    + userData.rawBytes()
                    + " bytes raw with every Ref at its longest value, but EC2"
                    + " takes at most "
                    + MAX_RAW_BYTES
                    + " bytes raw (16 KB, before base64): only boot files that hold deploy-time"
                    + " values (@@Ref:Name@@) go into the user data, everything else into the group's config in S3, so keep those"
                    + " files few and short (put the value alone in an environment file that the other files read)",
                group == null ? model.cluster().origin() : group.origin(),
                ""));
      }
    }
    return problems;
  }

  /** The user data of every launch template in {@code template}, in template order. */
  public static List<Measured> measure(JsonNode template) {
    List<Measured> measured = new ArrayList<>();
    template
        .path("Resources")
        .fields()
        .forEachRemaining(
            resource -> {
              JsonNode userData = resource.getValue().at("/Properties/LaunchTemplateData/UserData");
              if (resource.getValue().path("Type").asText().equals("AWS::EC2::LaunchTemplate")
                  && !userData.isMissingNode()) {
                measured.add(
                    new Measured(resource.getKey(), longest(userData.get("Fn::Base64"), template)));
              }
            });
    return measured;
  }

  /**
   * The text {@code value} (a string, a Ref, or an Fn::Join of those) evaluates to, each Ref as its
   * longest value.
   */
  static String longest(JsonNode value, JsonNode template) {
    if (value == null) {
      throw new IllegalStateException(
          "user data is not Fn::Base64 of a string, a Ref or an Fn::Join");
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.has("Ref")) {
      return String.valueOf(FILLER).repeat(maxLength(value.get("Ref").asText(), template));
    }
    if (value.has("Fn::Join")) {
      StringBuilder joined = new StringBuilder();
      String separator = value.get("Fn::Join").get(0).asText();
      JsonNode parts = value.get("Fn::Join").get(1);
      for (int i = 0; i < parts.size(); i++) {
        joined.append(i == 0 ? "" : separator).append(longest(parts.get(i), template));
      }
      return joined.toString();
    }
    throw new IllegalStateException(
        "user data uses "
            + value
            + ", which "
            + UserDataLimit.class.getSimpleName()
            + " cannot measure: teach it its longest value");
  }

  private static int maxLength(String ref, JsonNode template) {
    if (PSEUDO_PARAMETERS.containsKey(ref)) {
      return PSEUDO_PARAMETERS.get(ref);
    }
    JsonNode parameter = template.path("Parameters").path(ref);
    if (parameter.has("MaxLength")) {
      return parameter.get("MaxLength").asInt();
    }
    String type =
        parameter.isMissingNode()
            ? template.path("Resources").path(ref).path("Type").asText()
            : parameter.path("Type").asText();
    Integer known =
        parameter.isMissingNode() ? RESOURCE_TYPES.get(type) : PARAMETER_TYPES.get(type);
    if (known == null) {
      throw new IllegalStateException(
          "user data refers to "
              + ref
              + " ("
              + (type.isEmpty() ? "not in the template" : type)
              + ") whose longest value is unknown: give the parameter a MaxLength");
    }
    return known;
  }
}
