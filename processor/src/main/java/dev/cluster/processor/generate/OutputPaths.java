package dev.cluster.processor.generate;

import dev.cluster.contract.ClusterPaths;
import dev.cluster.processor.model.ClusterModel;

/**
 * Where each output lives under the class output directory, so in the jar and, after {@code mvn
 * package}, under {@code target/classes/}: the contract's {@link ClusterPaths} (which the runtime
 * reads them by) for a model. Its {@code config/} folder's {@code <service>/} folders hold each
 * service's own configuration ({@code generate/services}); the templates a cluster's template
 * nests, when one stack does not hold the cluster, lie in its {@code stacks/} folder (the parent's
 * Metadata names each one for the runtime).
 */
public final class OutputPaths {
  private OutputPaths() {}

  public static String root(ClusterModel model) {
    return ClusterPaths.root(model.cluster().name());
  }

  public static String template(ClusterModel model) {
    return ClusterPaths.template(model.cluster().name());
  }

  /** Where the template names a nested stack's template, relative to {@link #root}. */
  public static String nestedTemplateName(String stack) {
    return "stacks/" + stack + ".json";
  }

  /** A template the cluster's template nests, when one stack does not hold the cluster. */
  public static String nestedTemplate(ClusterModel model, String stack) {
    return root(model) + nestedTemplateName(stack);
  }

  /**
   * The images built from {@code containers/} that the units run, for the deploy client's {@code
   * images}.
   */
  public static String images(ClusterModel model) {
    return ClusterPaths.images(model.cluster().name());
  }

  /** A picture of the cluster in Graphviz's DOT language. */
  public static String diagram(ClusterModel model) {
    return ClusterPaths.diagram(model.cluster().name());
  }

  /** The deploy client's descriptor, which the generated client loads. */
  public static String descriptor(ClusterModel model) {
    return ClusterPaths.descriptor(model.cluster().name());
  }

  public static String units(ClusterModel model) {
    return ClusterPaths.units(model.cluster().name());
  }

  public static String config(ClusterModel model) {
    return ClusterPaths.config(model.cluster().name());
  }

  public static String nodeFiles(ClusterModel model, String nodeGroup) {
    return ClusterPaths.nodeFiles(model.cluster().name(), nodeGroup);
  }
}
