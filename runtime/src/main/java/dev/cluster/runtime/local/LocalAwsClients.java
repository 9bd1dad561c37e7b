package dev.cluster.runtime.local;

import dev.cluster.runtime.local.aws.LocalAwsMain;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The SDK's clients of the AWS stand-in, as {@code local up} calls it from this machine (it checks
 * no signature).
 */
final class LocalAwsClients {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("ASIALOCALSTANDIN0000", "local"));

  private LocalAwsClients() {}

  static URI ecrEndpoint(MachinePlan plan) {
    return URI.create("http://" + plan.awsStandIn() + ":" + LocalAwsMain.ECR_PORT);
  }

  static URI secretsManagerEndpoint(MachinePlan plan) {
    return URI.create("http://" + plan.awsStandIn() + ":" + LocalAwsMain.SECRETS_PORT);
  }

  static EcrClient ecr(MachinePlan plan, String region) {
    return EcrClient.builder()
        .region(Region.of(region))
        .endpointOverride(ecrEndpoint(plan))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(CREDENTIALS)
        .build();
  }

  static SecretsManagerClient secretsManager(MachinePlan plan, String region) {
    return SecretsManagerClient.builder()
        .region(Region.of(region))
        .endpointOverride(secretsManagerEndpoint(plan))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(CREDENTIALS)
        .build();
  }
}
