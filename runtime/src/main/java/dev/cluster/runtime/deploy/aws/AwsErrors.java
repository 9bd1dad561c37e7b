package dev.cluster.runtime.deploy.aws;

import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the SDK throws into one message for the user. */
public final class AwsErrors {
    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            "InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException",
            "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature");

    private AwsErrors() {
    }

    public static DeployException toDeployException(SdkException e) {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            return new DeployException("interrupted while calling AWS; a change already sent goes on in AWS (see `status`)",
                    ExitCode.INTERRUPTED);
        }
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            String serviceName = service.awsErrorDetails().serviceName();
            if (CREDENTIAL_ERRORS.contains(code)) {
                return new DeployException("AWS rejected the credentials (" + code + ": " + message
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
