package dev.cluster.runtime.deploy.aws;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * AWS's documented example access key as the SDK's system-property credentials for the tests of one
 * class, so that the real SDK signs its requests to the in-process endpoints (which never check a
 * signature) without reading anybody's profile. Use with
 * {@code @ExtendWith(ExampleCredentials.class)}.
 */
public final class ExampleCredentials implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
