package dev.cluster.processor.generate.units;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Images;
import dev.cluster.processor.model.TeamImage;
import java.util.Optional;

/**
 * An image as a unit names it. A team image ({@link TeamImage}) is named in the cluster's registry
 * by its immutable tag: {@code ${CLUSTER_REGISTRY}/<cluster>/<name>:<tag>}, the URI the template's
 * outputs give for its repository, with the registry host read from {@link #REGISTRY_ENV} on the
 * machine. An upstream image is written as declared.
 *
 * @param execText the image as an {@code Exec*=} argument
 * @param inRegistry the team image, when it is one: its unit then logs docker in to the registry
 *     first
 */
public record UnitImage(String execText, Optional<TeamImage> inRegistry) {
  /** Written by every machine's user data: {@code CLUSTER_REGISTRY}, the registry's host. */
  public static final String REGISTRY_ENV = "/etc/cluster/registry.env";

  /**
   * The boot unit that logs the machine's docker in to the cluster's registry with a fresh token.
   */
  public static final String LOGIN_UNIT = "ecr-login.service";

  public static UnitImage of(ClusterModel model, String declared) {
    Optional<TeamImage> team = model.builtImages().of(declared);
    return new UnitImage(
        team.map(image -> reference(model, image)).orElseGet(() -> ExecArgs.literal(declared)),
        team);
  }

  /** The agents image, which runs every agent of the units. */
  public static UnitImage agents(ClusterModel model) {
    return of(model, Images.AGENTS);
  }

  /**
   * {@code ${CLUSTER_REGISTRY}/<repository>:<tag>}: a variable systemd fills in, and names that
   * need no quoting.
   */
  static String reference(ClusterModel model, TeamImage image) {
    return "${" + TeamImage.REGISTRY_VARIABLE + "}/" + image.repository(model) + ":" + image.tag();
  }
}
