package dev.cluster.runtime.deploy.stack;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.cli.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * The node groups' boot configurations. A template that declares parameter {@value
 * #BUCKET_PARAMETER} has each group's machines merge their Ignition config from {@code
 * s3://BUCKET/<cluster>/nodes/<group>/<sha512>.ign}, checked against that SHA-512 (EC2's 16 KB of
 * user data hold only the pointer). The jar carries each config as {@code nodes/<group>/config.ign}
 * beside the template; {@code deploy} uploads them to the bucket of {@code --template-bucket}
 * before it touches the stack, and {@code plan} and {@code deploy} pass that bucket as the
 * parameter.
 */
public final class BootConfigs {
  /**
   * The template parameter naming the bucket; the processor's {@code
   * TemplateParameterNames.BOOT_CONFIG_BUCKET}.
   */
  public static final String BUCKET_PARAMETER = "BootConfigBucket";

  /** Each group's config among the jar's outputs; the processor's {@code BootConfig.FILE_NAME}. */
  public static final String FILE_NAME = "config.ign";

  private BootConfigs() {}

  /**
   * One group's config: where the jar has it, its bytes, and its content-addressed key in the
   * bucket.
   */
  public record BootConfig(String group, String resource, byte[] bytes, String key) {}

  public static boolean needed(TemplateBody template) {
    return template.declaresParameter(BUCKET_PARAMETER);
  }

  /**
   * What {@code template} needs uploaded: every node group's config, or none when it reads none.
   */
  static List<BootConfig> neededBy(TemplateBody template, ClusterDescriptor cluster) {
    return needed(template) ? of(cluster) : List.of();
  }

  /**
   * Every node group's config, read from the jar; a missing one is an error naming the resource.
   */
  public static List<BootConfig> of(ClusterDescriptor cluster) {
    String dir =
        cluster.templateResource().substring(0, cluster.templateResource().lastIndexOf('/') + 1);
    List<BootConfig> configs = new ArrayList<>();
    for (NodeGroupInfo group : cluster.nodeGroups()) {
      String resource = dir + "nodes/" + group.name() + "/" + FILE_NAME;
      byte[] bytes = ClasspathResource.read(resource).getBytes(StandardCharsets.UTF_8);
      configs.add(
          new BootConfig(
              group.name(),
              resource,
              bytes,
              cluster.name() + "/nodes/" + group.name() + "/" + sha512Hex(bytes) + ".ign"));
    }
    return configs;
  }

  /** Uploads each config to the bucket of {@code --template-bucket}, unless already there. */
  static void upload(Request request, AwsClients aws, List<BootConfig> configs) {
    if (configs.isEmpty()) {
      return;
    }
    TemplateBucket bucket = TemplateBucket.given(request, aws).orElseThrow();
    for (BootConfig config : configs) {
      bucket.store(
          config.key(),
          config.bytes(),
          "application/vnd.coreos.ignition+json",
          "Boot config of node group " + config.group() + " (" + config.bytes().length + " bytes)");
    }
  }

  /** {@code parameters} and, when the template reads boot configs, the bucket they are in. */
  static List<Parameter> withBucket(
      List<Parameter> parameters, TemplateBody template, Optional<String> bucket) {
    if (!needed(template)) {
      return parameters;
    }
    List<Parameter> all = new ArrayList<>(parameters);
    all.add(
        Parameter.builder()
            .parameterKey(BUCKET_PARAMETER)
            .parameterValue(bucket.orElseThrow())
            .build());
    return List.copyOf(all);
  }

  static String sha512Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }
}
