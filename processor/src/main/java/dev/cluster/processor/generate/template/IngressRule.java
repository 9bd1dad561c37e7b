package dev.cluster.processor.generate.template;

/**
 * One opening in a node group's security group. Exactly one of {@code sourceGroup}, {@code
 * sourceParameter} and {@code sourceCidr} is set.
 */
record IngressRule(
    String targetGroup,
    String protocol,
    int fromPort,
    int toPort,
    String sourceGroup,
    String sourceParameter,
    String sourceCidr,
    String description) {

  static IngressRule fromGroup(String target, String protocol, int from, int to, String group, String why) {
    return new IngressRule(target, protocol, from, to, group, "", "", why);
  }

  static IngressRule fromParameter(String target, String protocol, int port, String parameter, String why) {
    return new IngressRule(target, protocol, port, port, "", parameter, "", why);
  }

  static IngressRule fromInternet(String target, String protocol, int port, String why) {
    return new IngressRule(target, protocol, port, port, "", "", "0.0.0.0/0", why);
  }

  /** Two rules with the same key open the same thing; only the first is kept. */
  String key() {
    return targetGroup + "/" + protocol + "/" + fromPort + "-" + toPort + "/" + sourceGroup + sourceParameter + sourceCidr;
  }

  String sourceName() {
    if (!sourceGroup.isEmpty()) {
      return sourceGroup;
    }
    return sourceParameter.isEmpty() ? "internet" : sourceParameter;
  }
}
