package dev.cluster.runtime.deploy.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.DeployException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The generated CloudFormation template. CloudFormation takes up to 51,200 bytes inline
 * (TemplateBody); larger templates go through S3 ({@link TemplateBucket}, TemplateURL), which takes
 * up to 1 MB.
 */
public final class TemplateBody {
  /** CloudFormation's limit for a TemplateBody; larger templates have to go through S3. */
  static final int MAX_INLINE_BYTES = 51_200;

  /** CloudFormation's limit for a template read from a TemplateURL. */
  static final int MAX_URL_BYTES = 1_048_576;

  private final String resource;
  private final String text;
  private final byte[] bytes;

  private TemplateBody(String resource, String text) {
    this.resource = resource;
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the cluster's template; refuses one that CloudFormation would not take even from S3. */
  public static TemplateBody of(ClusterDescriptor cluster) {
    TemplateBody template =
        new TemplateBody(
            cluster.templateResource(), ClasspathResource.read(cluster.templateResource()));
    if (template.size() > MAX_URL_BYTES) {
      throw new DeployException(
          "template "
              + template.resource
              + " is "
              + template.size()
              + " bytes; CloudFormation takes at most "
              + MAX_URL_BYTES
              + " bytes even from S3: split the cluster's stack");
    }
    return template;
  }

  public String text() {
    return text;
  }

  byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** Whether the template declares the parameter {@code name}. */
  public boolean declaresParameter(String name) {
    return json().path("Parameters").has(name);
  }

  /** The template's resources. */
  JsonNode resources() {
    return json().path("Resources");
  }

  /** Where the jar has the template; the templates it nests are beside it. */
  String resource() {
    return resource;
  }

  private JsonNode json() {
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new DeployException("template " + resource + " is not JSON: " + e.getOriginalMessage());
    }
  }

  public boolean fitsInline() {
    return size() <= MAX_INLINE_BYTES;
  }

  /**
   * Hex SHA-256 of the bytes: the template's name in S3, so that an unchanged template is not
   * uploaded again.
   */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Refuses, before any call, a template too large to send inline, or one whose nested templates go
   * through S3, when no bucket was given, with the commands that make a suitable bucket; and a
   * nested template missing from the jar.
   */
  public void requireDeliverable(Optional<String> bucket, String stackName, String region) {
    bucket.ifPresent(TemplateBucket::requireValidName);
    // Reads the nested templates from the jar now, so that one missing stops the command before any
    // call.
    int nested = NestedTemplates.of(this).size();
    if (bucket.isEmpty() && BootConfigs.needed(this)) {
      throw new UsageException(
          "the machines of "
              + resource
              + " read their boot configuration from S3: pass"
              + " --template-bucket BUCKET, where deploy uploads each node group's config (as s3://BUCKET/<cluster>/nodes/"
              + "<group>/<sha512>.ign, read by the machines with their role) and the template. A private, encrypted bucket for it:\n"
              + TemplateBucket.creationCommands(TemplateBucket.exampleName(stackName), region));
    }
    if (bucket.isEmpty() && nested > 0) {
      throw new UsageException(
          "template "
              + resource
              + " nests "
              + nested
              + " stacks, whose templates CloudFormation"
              + " reads from S3: pass --template-bucket BUCKET, where deploy uploads them. A private, encrypted bucket for"
              + " it:\n"
              + TemplateBucket.creationCommands(TemplateBucket.exampleName(stackName), region));
    }
    if (bucket.isEmpty() && !fitsInline()) {
      String example = TemplateBucket.exampleName(stackName);
      throw new UsageException(
          "template "
              + resource
              + " is "
              + size()
              + " bytes, more than the "
              + MAX_INLINE_BYTES
              + " CloudFormation takes inline: pass --template-bucket BUCKET to upload it to S3 (as s3://BUCKET/"
              + TemplateBucket.key(stackName, this)
              + "). A private, encrypted bucket for it:\n"
              + TemplateBucket.creationCommands(example, region));
    }
  }
}
