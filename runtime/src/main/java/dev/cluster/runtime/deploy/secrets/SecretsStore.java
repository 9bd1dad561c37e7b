package dev.cluster.runtime.deploy.secrets;

import dev.cluster.contract.descriptor.SecretRef;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** The cluster's secrets in AWS Secrets Manager. */
public final class SecretsStore {
  static final String SCHEDULED_FOR_DELETION = "is scheduled for deletion";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretsManagerClient secretsManager;

  public SecretsStore(SecretsManagerClient secretsManager) {
    this.secretsManager = secretsManager;
  }

  /**
   * The declared secrets a unit could not read: absent, scheduled for deletion, or without a
   * current value.
   */
  public List<MissingSecret> missing(List<SecretRef> declared) {
    List<MissingSecret> missing = new ArrayList<>();
    for (SecretRef secret : declared) {
      problem(secret.name())
          .ifPresent(
              reason -> missing.add(new MissingSecret(secret.name(), reason, secret.usedBy())));
    }
    return List.copyOf(missing);
  }

  /** Stores a value; true if the secret had to be created. */
  public boolean put(SecretRef secret, String value) {
    try {
      secretsManager.putSecretValue(r -> r.secretId(secret.name()).secretString(value));
      return false;
    } catch (ResourceNotFoundException absent) {
      secretsManager.createSecret(
          r -> r.name(secret.name()).description(secret.description()).secretString(value));
      return true;
    }
  }

  /**
   * 256 random bits, URL-safe base64 without padding: fits a password, a token or a config file
   * unquoted.
   */
  public static String randomValue() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private Optional<String> problem(String name) {
    DescribeSecretResponse description;
    try {
      description = secretsManager.describeSecret(r -> r.secretId(name));
    } catch (ResourceNotFoundException absent) {
      return Optional.of("does not exist");
    }
    if (description.deletedDate() != null) {
      return Optional.of(SCHEDULED_FOR_DELETION);
    }
    boolean hasCurrentValue =
        description.versionIdsToStages().values().stream()
            .anyMatch(stages -> stages.contains("AWSCURRENT"));
    return hasCurrentValue ? Optional.empty() : Optional.of("has no value");
  }
}
