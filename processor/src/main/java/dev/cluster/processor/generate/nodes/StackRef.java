package dev.cluster.processor.generate.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template parameter's value inside a machine's boot files, known only when the stack is
 * deployed: it stands in the generated text as {@code @@Ref:Name@@}, and the template turns the
 * user data around it into an {@code Fn::Join} with {@code {"Ref": "Name"}}. Pseudo parameters work
 * too ({@code @@Ref:AWS::Region@@}).
 */
public final class StackRef {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("@@Ref:([A-Za-z0-9]+(?:::[A-Za-z0-9]+)*)@@");

  private StackRef() {}

  public static String to(String parameter) {
    return "@@Ref:" + parameter + "@@";
  }

  public static boolean appearsIn(String text) {
    return PLACEHOLDER.matcher(text).find();
  }

  /** One piece of text: literal, or the name of the parameter that replaces it. */
  public record Part(String text, boolean parameter) {}

  public static List<Part> split(String text) {
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int last = 0;
    while (m.find()) {
      parts.add(new Part(text.substring(last, m.start()), false));
      parts.add(new Part(m.group(1), true));
      last = m.end();
    }
    parts.add(new Part(text.substring(last), false));
    return parts.stream().filter(p -> p.parameter() || !p.text().isEmpty()).toList();
  }
}
