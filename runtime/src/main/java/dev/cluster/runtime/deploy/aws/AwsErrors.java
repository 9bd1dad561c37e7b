package dev.cluster.runtime.deploy.aws;

import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the SDK throws into one message for the user. */
public final class AwsErrors {
  private static final Set<String> CREDENTIAL_ERRORS =
      Set.of(
          "InvalidClientTokenId",
          "UnrecognizedClientException",
          "ExpiredToken",
          "ExpiredTokenException",
          "SignatureDoesNotMatch",
          "InvalidSignatureException",
          "IncompleteSignature",
          "InvalidAccessKeyId");

  private AwsErrors() {}

  /** Whether AWS rejected the call's credentials (unknown key, bad signature, expired token). */
  public static boolean isCredentialError(String errorCode) {
    return CREDENTIAL_ERRORS.contains(errorCode);
  }

  /**
   * Whether the call failed because the thread was interrupted (Ctrl-C), however the SDK wrapped
   * it.
   */
  public static boolean isInterruption(SdkException e) {
    if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException
          || cause instanceof java.io.InterruptedIOException
          || cause instanceof java.nio.channels.ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }

  public static DeployException toDeployException(SdkException e) {
    if (isInterruption(e)) {
      return new DeployException(
          "interrupted while calling AWS; a change already sent goes on in AWS (see `status`)",
          ExitCode.INTERRUPTED);
    }
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = service.awsErrorDetails().errorCode();
      String message = service.awsErrorDetails().errorMessage();
      String serviceName = service.awsErrorDetails().serviceName();
      if (CREDENTIAL_ERRORS.contains(code)) {
        return new DeployException(
            "AWS rejected the credentials ("
                + code
                + ": "
                + message
                + "): check AWS_PROFILE / --profile, or refresh them (e.g. `aws sso login`)");
      }
      if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
        return new DeployException(serviceName + " denied access: " + message);
      }
      return new DeployException(serviceName + " error " + code + ": " + message);
    }
    return new DeployException("cannot reach AWS: " + e.getMessage());
  }
}
