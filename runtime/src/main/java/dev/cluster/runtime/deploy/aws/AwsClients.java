package dev.cluster.runtime.deploy.aws;

import dev.cluster.runtime.deploy.console.DeployException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The SDK clients of one command. They share the JDK's URL connection HTTP client: a CLI makes a
 * few sequential calls, so it needs neither Apache's pool nor Netty, and the jar stays small.
 * Credentials are resolved before the first call so that their absence is one clear message.
 */
public final class AwsClients implements AutoCloseable {
  private final AwsSettings settings;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private CloudFormationClient cloudFormation;
  private SecretsManagerClient secretsManager;
  private S3Client s3;
  private Ec2Client ec2;
  private AutoScalingClient autoScaling;
  private EcrClient ecr;

  private AwsClients(AwsSettings settings, AwsCredentialsProvider credentials) {
    this.settings = settings;
    this.credentials = credentials;
  }

  public static AwsClients connect(AwsSettings settings) {
    AwsCredentialsProvider credentials =
        settings
            .profile()
            .<AwsCredentialsProvider>map(
                name -> ProfileCredentialsProvider.builder().profileName(name).build())
            .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException e) {
      String cause =
          settings
              .profile()
              .map(name -> " for profile '" + name + "' (" + e.getMessage() + ")")
              .orElse("");
      throw new DeployException(
          "no AWS credentials found"
              + cause
              + ": set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile NAME, or run `aws configure`");
    }
    return new AwsClients(settings, credentials);
  }

  public AwsSettings settings() {
    return settings;
  }

  public CloudFormationClient cloudFormation() {
    if (cloudFormation == null) {
      var builder =
          CloudFormationClient.builder()
              .region(settings.region())
              .credentialsProvider(credentials)
              .httpClient(http);
      settings.cloudFormationEndpoint().ifPresent(builder::endpointOverride);
      cloudFormation = builder.build();
    }
    return cloudFormation;
  }

  public SecretsManagerClient secretsManager() {
    if (secretsManager == null) {
      var builder =
          SecretsManagerClient.builder()
              .region(settings.region())
              .credentialsProvider(credentials)
              .httpClient(http);
      settings.secretsManagerEndpoint().ifPresent(builder::endpointOverride);
      secretsManager = builder.build();
    }
    return secretsManager;
  }

  /**
   * S3 for templates too large to send inline; path-style addressing when an endpoint override is
   * given.
   */
  public S3Client s3() {
    if (s3 == null) {
      var builder =
          S3Client.builder()
              .region(settings.region())
              .credentialsProvider(credentials)
              .httpClient(http);
      settings
          .s3Endpoint()
          .ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
      s3 = builder.build();
    }
    return s3;
  }

  /** EC2, for {@code chaos kill-machine}'s TerminateInstances. */
  public Ec2Client ec2() {
    if (ec2 == null) {
      var builder =
          Ec2Client.builder()
              .region(settings.region())
              .credentialsProvider(credentials)
              .httpClient(http);
      settings.ec2Endpoint().ifPresent(builder::endpointOverride);
      ec2 = builder.build();
    }
    return ec2;
  }

  /**
   * Auto Scaling, for a node group's instances; {@code --ec2-endpoint-url} overrides its endpoint
   * too.
   */
  public AutoScalingClient autoScaling() {
    if (autoScaling == null) {
      var builder =
          AutoScalingClient.builder()
              .region(settings.region())
              .credentialsProvider(credentials)
              .httpClient(http);
      settings.ec2Endpoint().ifPresent(builder::endpointOverride);
      autoScaling = builder.build();
    }
    return autoScaling;
  }

  /** ECR, for {@code images push}: the registry's token and the images already pushed. */
  public EcrClient ecr() {
    if (ecr == null) {
      var builder =
          EcrClient.builder()
              .region(settings.region())
              .credentialsProvider(credentials)
              .httpClient(http);
      settings.ecrEndpoint().ifPresent(builder::endpointOverride);
      ecr = builder.build();
    }
    return ecr;
  }

  @Override
  public void close() {
    if (cloudFormation != null) {
      cloudFormation.close();
    }
    if (secretsManager != null) {
      secretsManager.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (ec2 != null) {
      ec2.close();
    }
    if (autoScaling != null) {
      autoScaling.close();
    }
    if (ecr != null) {
      ecr.close();
    }
    http.close();
  }
}
