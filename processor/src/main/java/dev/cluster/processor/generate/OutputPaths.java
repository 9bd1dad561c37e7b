package dev.cluster.processor.generate;

import dev.cluster.processor.model.ClusterModel;

/**
 * Where each output lives under the class output directory, so in the jar and, after {@code mvn
 * package}, under {@code target/classes/}: {@code cluster/<name>/template.json} (and the templates it
 * nests, {@code cluster/<name>/stacks/}, when one stack does not hold the cluster), {@code
 * cluster/<name>/units/}, {@code cluster/<name>/config/} (its {@code <service>/} folders hold each service's
 * own configuration, {@code generate/services}), {@code cluster/<name>/nodes/<group>/}.
 */
public final class OutputPaths {
  private OutputPaths() {}

  public static String root(ClusterModel model) {
    return "cluster/" + model.cluster().name() + "/";
  }

  public static String template(ClusterModel model) {
    return root(model) + "template.json";
  }

  /** Where the template names a nested stack's template, relative to {@link #root}. */
  public static String nestedTemplateName(String stack) {
    return "stacks/" + stack + ".json";
  }

  /** A template the cluster's template nests, when one stack does not hold the cluster. */
  public static String nestedTemplate(ClusterModel model, String stack) {
    return root(model) + nestedTemplateName(stack);
  }

  /** The images built from {@code containers/} that the units run, for the deploy client's {@code images}. */
  public static String images(ClusterModel model) {
    return root(model) + "images.json";
  }

  /** A picture of the cluster in Graphviz's DOT language. */
  public static String diagram(ClusterModel model) {
    return root(model) + "diagram.dot";
  }

  /** The deploy client's descriptor, which the generated client loads. */
  public static String descriptor(ClusterModel model) {
    return root(model) + "descriptor.json";
  }

  public static String units(ClusterModel model) {
    return root(model) + "units/";
  }

  public static String config(ClusterModel model) {
    return root(model) + "config/";
  }

  public static String nodeFiles(ClusterModel model, String nodeGroup) {
    return root(model) + "nodes/" + nodeGroup + "/";
  }
}
