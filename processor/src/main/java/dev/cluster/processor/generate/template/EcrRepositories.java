package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.TeamImage;
import dev.cluster.processor.naming.EcrRepositoryIds;

/**
 * One ECR repository per team image the cluster runs ({@code <cluster>/<name>}, see {@link
 * TeamImage}; its ids in {@link EcrRepositoryIds}): images scanned on push, tags immutable (a
 * content tag names one content forever), encrypted (AES-256, S3's managed keys: no KMS key to pay
 * for or grant), untagged layers and all but the newest images expired by a lifecycle policy. The
 * machines may only pull from these repositories; pushing is for people, with the deploy client's
 * {@code images push} (or {@code docker push} for a team image built elsewhere).
 *
 * <p>CloudFormation deletes a repository only when it is empty, so {@code destroy} fails on
 * repositories that still hold images until they are emptied ({@code aws ecr batch-delete-image}).
 * {@code EmptyOnDelete} would do that, but the cfn-lint the tests run does not know the property
 * yet and refuses the template.
 */
public final class EcrRepositories {
  /** Tagged images a repository keeps: many more than rolling back ever needs. */
  static final int KEEP_IMAGES = 30;

  /** Days an untagged image (a push that lost its tag, a failed push's layers) is kept. */
  static final int UNTAGGED_DAYS = 1;

  private EcrRepositories() {}

  static void add(ClusterModel model, ObjectNode resources) {
    for (TeamImage image : model.teamImages()) {
      ObjectNode repository =
          Cfn.resource(resources, EcrRepositoryIds.logicalId(image), "AWS::ECR::Repository");
      repository.put("RepositoryName", image.repository(model));
      repository.putObject("ImageScanningConfiguration").put("ScanOnPush", true);
      repository.put("ImageTagMutability", "IMMUTABLE");
      repository.putObject("EncryptionConfiguration").put("EncryptionType", "AES256");
      repository
          .putObject("LifecyclePolicy")
          .put("LifecyclePolicyText", Json.compact(lifecyclePolicy()));
      repository.set("Tags", Cfn.tags(model.cluster().name(), image.name()));
    }
  }

  /**
   * The machines' pull rights: the registry's token for any repository, the layers of these only.
   */
  static void pullPolicy(ClusterModel model, ArrayNode policies) {
    ObjectNode document = Json.object();
    document.put("Version", "2012-10-17");
    ArrayNode statements = document.putArray("Statement");
    ObjectNode token = statements.addObject();
    token.put("Effect", "Allow");
    token.putArray("Action").add("ecr:GetAuthorizationToken");
    // GetAuthorizationToken has no resource-level permissions.
    token.put("Resource", "*");
    ObjectNode pull = statements.addObject();
    pull.put("Effect", "Allow");
    pull.putArray("Action")
        .add("ecr:BatchCheckLayerAvailability")
        .add("ecr:BatchGetImage")
        .add("ecr:GetDownloadUrlForLayer");
    ArrayNode repositories = pull.putArray("Resource");
    model
        .teamImages()
        .forEach(image -> repositories.add(Cfn.getAtt(EcrRepositoryIds.logicalId(image), "Arn")));
    ObjectNode policy = policies.addObject();
    policy.put("PolicyName", "pull-cluster-images");
    policy.set("PolicyDocument", document);
  }

  private static ObjectNode lifecyclePolicy() {
    ObjectNode policy = Json.object();
    ArrayNode rules = policy.putArray("rules");
    ObjectNode untagged = rules.addObject();
    untagged.put("rulePriority", 1);
    untagged.put("description", "expire untagged images after " + UNTAGGED_DAYS + " day");
    untagged
        .putObject("selection")
        .put("tagStatus", "untagged")
        .put("countType", "sinceImagePushed")
        .put("countUnit", "days")
        .put("countNumber", UNTAGGED_DAYS);
    untagged.putObject("action").put("type", "expire");
    ObjectNode newest = rules.addObject();
    newest.put("rulePriority", 2);
    newest.put("description", "keep the newest " + KEEP_IMAGES + " images");
    newest
        .putObject("selection")
        .put("tagStatus", "any")
        .put("countType", "imageCountMoreThan")
        .put("countNumber", KEEP_IMAGES);
    newest.putObject("action").put("type", "expire");
    return policy;
  }
}
