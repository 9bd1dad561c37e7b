package dev.cluster.processor.model;

/**
 * One of the team's own images, which live in the cluster's registry (ECR, one repository each): an
 * image declared as {@code dev-cluster/<name>:<version>}. Built here from {@code
 * containers/<name>}, it is named by its content tag; built elsewhere (an app's own repository), by
 * its declared version, pushed there by whoever builds it. Both tags are immutable in the registry,
 * so a unit names one exact image.
 *
 * @param name the image's name, also its folder under {@code containers/} when built here
 * @param tag its content tag when built here, else its declared version
 * @param builtHere whether {@code containers/<name>} builds it (the deploy client's {@code images
 *     push} pushes it)
 */
public record TeamImage(String name, String tag, boolean builtHere) {
  /** The cluster's registry host (account and region), which the units read from this variable. */
  public static final String REGISTRY_VARIABLE = "CLUSTER_REGISTRY";

  /** The image's ECR repository: {@code <cluster>/<name>}. */
  public String repository(ClusterModel model) {
    return model.cluster().name() + "/" + name;
  }
}
