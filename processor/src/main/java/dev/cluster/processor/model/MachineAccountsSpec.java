package dev.cluster.processor.model;

/**
 * Accounts on the cluster's own machines ({@code @Group(machineLogin = true)}): the identity
 * provider's read-only client {@code clientId} for the runtime's accounts-sync, and its derived
 * secret.
 */
public record MachineAccountsSpec(String clientId, String secretId) {
  public static final String CLIENT_ID = "accounts-sync";
}
