package dev.cluster.processor.generate.template;

import java.util.List;
import java.util.regex.Pattern;

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

  static IngressRule fromGroup(
      String target, String protocol, int from, int to, String group, String why) {
    return new IngressRule(target, protocol, from, to, group, "", "", why);
  }

  static IngressRule fromParameter(
      String target, String protocol, int port, String parameter, String why) {
    return new IngressRule(target, protocol, port, port, "", parameter, "", why);
  }

  static IngressRule fromInternet(String target, String protocol, int port, String why) {
    return new IngressRule(target, protocol, port, port, "", "", "0.0.0.0/0", why);
  }

  /** EC2 takes a rule's description of at most 255 characters, of these only. */
  static final int MAX_DESCRIPTION = 255;

  private static final Pattern NOT_IN_DESCRIPTION =
      Pattern.compile("[^a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]");

  /**
   * One rule for a run of openings of one target, protocol and source whose ports follow each
   * other: it opens from the first to the last, and its description names the openings, as many as
   * fit.
   */
  static IngressRule merge(List<IngressRule> run) {
    IngressRule first = run.get(0);
    int to = run.stream().mapToInt(IngressRule::toPort).max().orElseThrow();
    StringBuilder description = new StringBuilder(printable(first.description));
    for (int i = 1; i < run.size(); i++) {
      String next = "; " + printable(run.get(i).description);
      int after = run.size() - i - 1;
      // Room is kept for the count of those left out, which is what the next step appends if it
      // must stop.
      int room = after == 0 ? 0 : ("; and " + after + " more").length();
      if (description.length() + next.length() + room > MAX_DESCRIPTION) {
        description.append("; and ").append(run.size() - i).append(" more");
        break;
      }
      description.append(next);
    }
    String text =
        description.length() > MAX_DESCRIPTION
            ? description.substring(0, MAX_DESCRIPTION)
            : description.toString();
    return new IngressRule(
        first.targetGroup,
        first.protocol,
        first.fromPort,
        to,
        first.sourceGroup,
        first.sourceParameter,
        first.sourceCidr,
        text);
  }

  /** The description without the characters EC2 refuses in it (a public reason may hold any). */
  private static String printable(String description) {
    return NOT_IN_DESCRIPTION.matcher(description).replaceAll("");
  }

  /** Rules with the same peer key open ports of one target to one source over one protocol. */
  String peerKey() {
    return targetGroup + "/" + protocol + "/" + sourceGroup + sourceParameter + sourceCidr;
  }

  /** Two rules with the same key open the same thing; only the first is kept. */
  String key() {
    return targetGroup
        + "/"
        + protocol
        + "/"
        + fromPort
        + "-"
        + toPort
        + "/"
        + sourceGroup
        + sourceParameter
        + sourceCidr;
  }

  String sourceName() {
    if (!sourceGroup.isEmpty()) {
      return sourceGroup;
    }
    return sourceParameter.isEmpty() ? "internet" : sourceParameter;
  }
}
