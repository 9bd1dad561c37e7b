package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsErrors;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 bucket of {@code --template-bucket}: templates are stored content-addressed as {@code
 * STACK/template-SHA256.json}, so that an unchanged template is found with HeadObject and not
 * uploaded again, and CloudFormation gets the object's URL (TemplateURL) instead of the body. The
 * node groups' boot configurations go there too ({@link BootConfigs}), and the templates the
 * template nests when one stack does not hold the cluster ({@link NestedTemplates}), before it.
 */
public final class TemplateBucket {
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final S3Client s3;
  private final String bucket;
  private final Region region;
  private final Optional<URI> endpoint;
  private final Console console;

  TemplateBucket(
      S3Client s3, String bucket, Region region, Optional<URI> endpoint, Console console) {
    this.s3 = s3;
    this.bucket = bucket;
    this.region = region;
    this.endpoint = endpoint;
    this.console = console;
  }

  /**
   * Where CloudFormation is to read the template: inline, or, with {@code --template-bucket},
   * uploaded to that bucket. {@link TemplateBody#requireDeliverable} has refused templates too
   * large for inline without a bucket.
   */
  public static TemplateLocation deliver(
      Request request, AwsClients aws, String stackName, TemplateBody template) {
    return given(request, aws)
        .map(bucket -> bucket.upload(stackName, template))
        .orElseGet(() -> TemplateLocation.inline(template.text()));
  }

  static String key(String stackName, TemplateBody template) {
    return stackName + "/template-" + template.sha256() + ".json";
  }

  /** Uploads the templates {@code template} nests, then {@code template}, and says where it is. */
  TemplateLocation upload(String stackName, TemplateBody template) {
    for (NestedTemplates.NestedTemplate nested : NestedTemplates.of(template)) {
      store(
          nested.key(),
          nested.bytes(),
          "application/json",
          "Nested template of " + nested.logicalId() + " (" + nested.bytes().length + " bytes)");
    }
    return TemplateLocation.at(
        url(
            store(
                key(stackName, template),
                template.bytes(),
                "application/json",
                "Template (" + template.size() + " bytes)")));
  }

  /**
   * Puts {@code bytes} at the content-addressed {@code key} unless an object is already there (same
   * key, same bytes), saying which as {@code what}; returns the key.
   */
  String store(String key, byte[] bytes, String contentType, String what) {
    String where = "s3://" + bucket + "/" + key;
    if (exists(key)) {
      console.info(what + " is already in " + where);
    } else {
      try {
        s3.putObject(
            r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
      } catch (S3Exception e) {
        throw failure(e, key);
      }
      console.info(what + " uploaded to " + where);
    }
    return key;
  }

  /** The bucket of {@code --template-bucket}, when given. */
  static Optional<TemplateBucket> given(Request request, AwsClients aws) {
    return request
        .invocation()
        .value(Option.TEMPLATE_BUCKET)
        .map(
            bucket ->
                new TemplateBucket(
                    aws.s3(),
                    bucket,
                    aws.settings().region(),
                    aws.settings().s3Endpoint(),
                    request.console()));
  }

  /**
   * Whether the object is there. A 404 may also mean that the bucket is missing and a 403 that the
   * caller may not list the bucket (S3's answer for a missing key then): both are left to
   * PutObject, whose error says which.
   */
  private boolean exists(String key) {
    try {
      s3.headObject(r -> r.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404 || e.statusCode() == 403) {
        return false;
      }
      throw failure(e, key);
    }
  }

  /**
   * The object's URL as CloudFormation takes it: virtual-hosted on AWS, path style on another
   * endpoint.
   */
  String url(String key) {
    if (endpoint.isPresent()) {
      String base = endpoint.get().toString();
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
          + "/"
          + bucket
          + "/"
          + key;
    }
    String domain = region.metadata() == null ? "amazonaws.com" : region.metadata().domain();
    return "https://" + bucket + ".s3." + region.id() + "." + domain + "/" + key;
  }

  private DeployException failure(S3Exception e, String key) {
    String code =
        e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    String message =
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    if (AwsErrors.isCredentialError(code)) {
      return AwsErrors.toDeployException(e);
    }
    if (code.equals("NoSuchBucket")) {
      return new DeployException(
          "S3 bucket "
              + bucket
              + " (--template-bucket) does not exist"
              + endpoint.map(uri -> " at " + uri).orElse(" in " + region.id())
              + ". Create it, private and encrypted, with:\n"
              + creationCommands(bucket, region.id()));
    }
    if (code.equals("AccessDenied") || e.statusCode() == 403) {
      return new DeployException(
          "S3 denied access to s3://"
              + bucket
              + "/"
              + key
              + " ("
              + (code.isEmpty() ? "403" : code)
              + ": "
              + message
              + "): the caller needs s3:PutObject and s3:GetObject on arn:aws:s3:::"
              + bucket
              + "/"
              + key.substring(0, key.indexOf('/') + 1)
              + "*, and the bucket's policy must not deny them");
    }
    if (code.equals("PermanentRedirect")
        || code.equals("AuthorizationHeaderMalformed")
        || e.statusCode() == 301) {
      return new DeployException(
          "S3 bucket "
              + bucket
              + " is not in "
              + region.id()
              + ": CloudFormation reads the template from a bucket in the stack's region; pass --template-bucket with a bucket in "
              + region.id());
    }
    DeployException general = AwsErrors.toDeployException(e);
    return new DeployException(
        general.getMessage() + " (uploading s3://" + bucket + "/" + key + ")", general.exitCode());
  }

  static void requireValidName(String bucket) {
    if (bucket.startsWith("s3://")) {
      throw new UsageException(
          "--template-bucket takes the bucket's name, e.g. "
              + bucket.substring(5).split("/")[0]
              + ", not an s3:// URL");
    }
    if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
      throw new UsageException(
          "--template-bucket '"
              + bucket
              + "' is not an S3 bucket name (3 to 63 characters: lower-case letters, digits, dots and hyphens)");
    }
  }

  static String exampleName(String stackName) {
    return stackName.toLowerCase(Locale.ROOT) + "-cfn-templates";
  }

  /**
   * The AWS CLI commands that create a private bucket whose objects S3 encrypts (SSE-S3, as new
   * buckets do by default).
   */
  static String creationCommands(String bucket, String region) {
    String location =
        region.equals("us-east-1")
            ? ""
            : " --create-bucket-configuration LocationConstraint=" + region;
    return "  aws s3api create-bucket --bucket "
        + bucket
        + " --region "
        + region
        + location
        + "\n"
        + "  aws s3api put-public-access-block --bucket "
        + bucket
        + " --region "
        + region
        + " --public-access-block-configuration"
        + " BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n"
        + "  aws s3api put-bucket-encryption --bucket "
        + bucket
        + " --region "
        + region
        + " --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\"}}]}'\n"
        + "(bucket names are global: if "
        + bucket
        + " is taken, add something of yours, such as the account id)";
  }
}
