package dev.cluster.runtime.deploy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.console.DeployException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The templates the cluster's template nests when one stack does not hold the cluster (the
 * processor's {@code StackTemplates}): each {@value #STACK_TYPE} resource's Metadata names its
 * template's file beside the cluster's template ({@value #TEMPLATE_METADATA}) and the key in the
 * bucket its TemplateURL reads, through the template's {@code BootConfigBucket} parameter ({@value
 * #KEY_METADATA}). {@link TemplateBucket} uploads each there before the template that nests it; the
 * key is content-addressed, so an unchanged one is not uploaded again.
 */
final class NestedTemplates {
  static final String STACK_TYPE = "AWS::CloudFormation::Stack";

  /** The processor's {@code StackTemplates.TEMPLATE_METADATA}. */
  static final String TEMPLATE_METADATA = "dev-cluster:template";

  /** The processor's {@code StackTemplates.KEY_METADATA}. */
  static final String KEY_METADATA = "dev-cluster:key";

  private NestedTemplates() {}

  /**
   * One nested stack's template: its stack's logical id, where the jar has it, its bytes and its
   * key.
   */
  record NestedTemplate(String logicalId, String resource, byte[] bytes, String key) {}

  /**
   * The templates {@code template} nests, read from the jar; one missing or unnamed is an error
   * naming it.
   */
  static List<NestedTemplate> of(TemplateBody template) {
    String dir = template.resource().substring(0, template.resource().lastIndexOf('/') + 1);
    List<NestedTemplate> nested = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.resources().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> stack = it.next();
      if (!stack.getValue().path("Type").asText().equals(STACK_TYPE)) {
        continue;
      }
      String file = stack.getValue().path("Metadata").path(TEMPLATE_METADATA).asText();
      String key = stack.getValue().path("Metadata").path(KEY_METADATA).asText();
      if (file.isEmpty() || key.isEmpty()) {
        throw new DeployException(
            "nested stack "
                + stack.getKey()
                + " of template "
                + template.resource()
                + " has no Metadata "
                + TEMPLATE_METADATA
                + " and "
                + KEY_METADATA
                + ": the deploy client cannot tell which template to upload for it; rebuild the cluster's jar");
      }
      byte[] bytes = ClasspathResource.read(dir + file).getBytes(StandardCharsets.UTF_8);
      if (bytes.length > TemplateBody.MAX_URL_BYTES) {
        throw new DeployException(
            "nested template "
                + dir
                + file
                + " is "
                + bytes.length
                + " bytes; CloudFormation takes at most "
                + TemplateBody.MAX_URL_BYTES
                + " bytes even from S3");
      }
      nested.add(new NestedTemplate(stack.getKey(), dir + file, bytes, key));
    }
    return List.copyOf(nested);
  }
}
