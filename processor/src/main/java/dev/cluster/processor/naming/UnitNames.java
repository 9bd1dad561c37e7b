package dev.cluster.processor.naming;

import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import java.util.Locale;

/**
 * The names of a service's template units and of the containers they run. Every unit of a pod is a
 * template instantiated {@code @1..@n}; its container is named after the unit with the instance
 * appended, so {@code docker ps} shows which unit owns what.
 */
public final class UnitNames {
  private static final String INSTANCE = "%i";

  private final String service;

  private UnitNames(String service) {
    this.service = service;
  }

  public static UnitNames of(ServiceSpec service) {
    return new UnitNames(service.name());
  }

  /** The app: {@code gerrit}. */
  public String app() {
    return service;
  }

  /** The unit that holds a machine for one replica; every other unit of the replica follows it. */
  public String pod() {
    return service + "-pod";
  }

  /** The unit that makes the replica's pod network (({@code PodNetwork})) on its machine. */
  public String network() {
    return service + "-net";
  }

  public String presence() {
    return service + "-presence";
  }

  /**
   * One ambassador listener, by {@code AmbassadorSpec.name(listener)}: {@code
   * gerrit-amb-gerrit-db}.
   */
  public String ambassador(String ambassadorName) {
    return service + "-amb-" + ambassadorName;
  }

  public String volume(VolumeSpec volume) {
    return service + "-volume-" + slug(volume.path());
  }

  /** The template file's name: {@code gerrit-pod@.service}. */
  public static String template(String prefix) {
    return prefix + "@.service";
  }

  /** A glob of every instance of a template: {@code gerrit-pod@*.service}. */
  public static String allInstances(String prefix) {
    return prefix + "@*.service";
  }

  /** The same replica's instance of another template: {@code gerrit-pod@%i.service}. */
  public static String sameInstance(String prefix) {
    return prefix + "@" + INSTANCE + ".service";
  }

  /** The container a unit of this prefix runs for its instance: {@code gerrit-pod-%i}. */
  public static String container(String prefix) {
    return prefix + "-" + INSTANCE;
  }

  /** {@code /data/git -> data-git}: a path as one name part. */
  public static String slug(String path) {
    String slug =
        path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "-").replaceAll("(^-+)|(-+$)", "");
    return slug.isEmpty() ? "root" : slug;
  }
}
