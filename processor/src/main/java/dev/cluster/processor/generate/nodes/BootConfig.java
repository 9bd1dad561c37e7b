package dev.cluster.processor.generate.nodes;

import dev.cluster.processor.generate.template.TemplateParameters;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.naming.TemplateParameterNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a node group's machines get their setup. EC2 takes at most 16 KB of user data, which a few
 * boot files fill, so the group's Ignition config is an object in S3 ({@code object},
 * content-addressed as {@code key} in the bucket of template parameter {@link
 * TemplateParameters#BOOT_CONFIG_BUCKET}), and the user data ({@code userData}) only merges it in,
 * fetched with the machine's role and checked against its SHA-512. Files and units that hold
 * deploy-time values ({@link StackRef}) stay in the user data: only the stack knows their bytes, so
 * no hash computed now could cover them.
 */
public record BootConfig(String object, String sha512Hex, String key, String userData) {
  /**
   * The object's name among the group's outputs ({@code cluster/<name>/nodes/<group>/}), where the
   * deploy client reads it.
   */
  public static final String FILE_NAME = "config.ign";

  public static BootConfig forGroup(ClusterModel model, NodeGroupSpec group) {
    NodeSetup setup = NodeBootstrap.forGroup(model, group);
    NodeSetup deployTime =
        new NodeSetup(
            setup.files().stream().filter(f -> StackRef.appearsIn(f.content())).toList(),
            setup.units().stream().filter(u -> StackRef.appearsIn(u.render())).toList());
    NodeSetup fixed =
        new NodeSetup(
            setup.files().stream().filter(f -> !deployTime.files().contains(f)).toList(),
            setup.units().stream().filter(u -> !deployTime.units().contains(u)).toList());
    String object = Ignition.config(fixed);
    String sha512Hex = sha512Hex(object);
    String key = keyPrefix(model, group) + sha512Hex + ".ign";
    String source = "s3://" + StackRef.to(TemplateParameterNames.BOOT_CONFIG_BUCKET) + "/" + key;
    return new BootConfig(object, sha512Hex, key, Ignition.pointer(source, sha512Hex, deployTime));
  }

  /**
   * Where the group's objects live in the bucket, the only place its machines' role may read there.
   */
  public static String keyPrefix(ClusterModel model, NodeGroupSpec group) {
    return model.cluster().name() + "/nodes/" + group.name() + "/";
  }

  private static String sha512Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }
}
