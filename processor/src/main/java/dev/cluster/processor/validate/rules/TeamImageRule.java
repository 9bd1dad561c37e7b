package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.BuiltImages;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.TeamImage;
import dev.cluster.processor.naming.EcrRepositoryIds;
import dev.cluster.processor.validate.Rule;
import java.util.regex.Pattern;

/**
 * When the cluster has its own registry, an image in the team's namespace ({@code
 * dev-cluster/<name>:<tag>}) lives in the ECR repository {@code <cluster>/<name>}: ECR takes 2 to
 * 256 characters of lower-case components separated by single {@code . _ -}, and the template names
 * the repository's resource and output after the name, which CloudFormation takes up to 255
 * characters. A name docker accepts but ECR does not ({@code my--app}, {@code my__app}, {@code
 * tools/app}) would otherwise be pulled from Docker Hub's {@code dev-cluster} namespace, silently.
 * References docker refuses are {@code image}'s; images pinned by digest only or without a tag are
 * not in the registry ({@link BuiltImages}).
 */
public final class TeamImageRule implements Rule {
  static final int MAX_REPOSITORY_LENGTH = 256;
  static final int MAX_LOGICAL_ID_LENGTH = 255;

  /** One component of ECR's repository name pattern (components joined by '/'). */
  private static final Pattern ECR_COMPONENT = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private static final Pattern TAGGED = Pattern.compile("[^@]*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  @Override
  public String tag() {
    return "team-image";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    if (model.builtImages().isEmpty()) {
      return;
    }
    for (ServiceSpec service : model.services()) {
      String image = service.image();
      if (service.kind() != ServiceKind.APP
          || !image.startsWith(BuiltImages.NAMESPACE)
          || !TAGGED.matcher(image).matches()
          || !ImageRule.isReference(image)) {
        continue;
      }
      String name = image.substring(BuiltImages.NAMESPACE.length(), image.lastIndexOf(':'));
      String repository = new TeamImage(name, "", false).repository(model);
      String problem = problem(model, name, repository);
      if (!problem.isEmpty()) {
        problems.error(
            service.origin(),
            "image",
            "image = \""
                + image
                + "\" is a team image in the ECR repository "
                + (repository.length() > 80 ? repository.substring(0, 80) + "..." : repository)
                + " "
                + problem
                + "; name it like \""
                + BuiltImages.NAMESPACE
                + "my-app:1.0\"");
      }
    }
  }

  /** What ECR or CloudFormation would refuse about the image's repository, or nothing. */
  private static String problem(ClusterModel model, String name, String repository) {
    if (!ECR_COMPONENT.matcher(name).matches()) {
      return "which ECR refuses: the name after "
          + BuiltImages.NAMESPACE
          + " is one component of lower-case letters"
          + " and digits, separated by single '.', '_' or '-'";
    }
    if (!ECR_COMPONENT.matcher(model.cluster().name()).matches()) {
      return "which ECR refuses for the cluster's name, which has '--' (rename the cluster)";
    }
    if (repository.length() > MAX_REPOSITORY_LENGTH) {
      return "of "
          + repository.length()
          + " characters, but ECR takes at most "
          + MAX_REPOSITORY_LENGTH;
    }
    String output = EcrRepositoryIds.output(new TeamImage(name, "", false));
    if (output.length() > MAX_LOGICAL_ID_LENGTH) {
      return "whose stack output "
          + output.substring(0, 20)
          + "... would have "
          + output.length()
          + " characters, but CloudFormation takes at most "
          + MAX_LOGICAL_ID_LENGTH;
    }
    return "";
  }
}
