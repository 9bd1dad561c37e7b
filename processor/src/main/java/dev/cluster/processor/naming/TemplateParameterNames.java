package dev.cluster.processor.naming;

import java.util.Set;

/**
 * The names of the parameters the template declares whatever the cluster: the template generator
 * declares them ({@code generate/template/TemplateParameters}), and a port's {@code
 * openToParameter}, which becomes a parameter too, may take none of them.
 */
public final class TemplateParameterNames {
  public static final String IMAGE_ID = "ImageId";
  public static final String KEY_NAME = "KeyName";
  public static final String ADMIN_CIDR = "AdminCidr";
  public static final String HOSTED_ZONE = "HostedZoneId";

  /**
   * The S3 bucket the machines read their boot configuration from ({@code BootConfig}): filled by
   * the deploy client from its {@code --template-bucket}, into which it uploads the configs.
   */
  public static final String BOOT_CONFIG_BUCKET = "BootConfigBucket";

  /** Every name above. */
  public static final Set<String> DECLARED_BY_TEMPLATE =
      Set.of(IMAGE_ID, KEY_NAME, ADMIN_CIDR, HOSTED_ZONE, BOOT_CONFIG_BUCKET);

  private TemplateParameterNames() {}
}
