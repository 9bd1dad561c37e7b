package dev.cluster.processor.naming;

import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.TeamImage;

/**
 * What the template names a team image's ECR repository by ({@code
 * generate/template/EcrRepositories}): its resource's logical id and the stack output with its URI.
 * The team-image rule checks their length.
 */
public final class EcrRepositoryIds {
  private EcrRepositoryIds() {}

  /**
   * The repository's logical id: {@code PostgresPatroniRepository} for {@code postgres-patroni}.
   */
  public static String logicalId(TeamImage image) {
    return Names.pascal(image.name()) + "Repository";
  }

  /** The stack output with the repository's URI, which the units' image references start with. */
  public static String output(TeamImage image) {
    return logicalId(image) + "Uri";
  }
}
