package dev.cluster.contract;

/**
 * A cluster's secrets in AWS Secrets Manager: the processor grants and names them, the deploy
 * client fills them.
 */
public final class SecretIds {

  private SecretIds() {}

  /** The secret id of the cluster's secret {@code name}. */
  public static String of(String cluster, String name) {
    return cluster + "/" + name;
  }
}
