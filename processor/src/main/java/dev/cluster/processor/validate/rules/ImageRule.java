package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker pull} must accept the image: {@code [registry[:port]/]path[:tag][@digest]}. An
 * image without a tag, or tagged {@code latest}, works but may run a different version on every
 * machine and every restart: a warning.
 */
public final class ImageRule implements Rule {
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*(?::[0-9]+)?/)?"
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*"
              + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
              + "(@sha256:[a-f0-9]{64})?");

  @Override
  public String tag() {
    return "image";
  }

  /** Whether docker can pull the reference, which this rule reports when not. */
  static boolean isReference(String image) {
    return REFERENCE.matcher(image).matches();
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() != ServiceKind.APP) {
        continue;
      }
      String image = service.image();
      Matcher m = REFERENCE.matcher(image);
      if (!m.matches()) {
        problems.error(
            service.origin(),
            "image",
            "image = \""
                + image
                + "\" is not an image reference docker"
                + " can pull: write [registry/]name:tag in lower case, e.g. \"registry.example.com/gerrit:3.10.1\"");
      } else if (m.group(2) == null && (m.group(1) == null || m.group(1).equals("latest"))) {
        problems.warning(
            service.origin(),
            "image",
            "image = \""
                + image
                + "\" "
                + (m.group(1) == null ? "has no tag" : "is tagged latest")
                + ", so machines may run different versions of "
                + service.name()
                + " after every pull; pin a version tag, e.g. \""
                + image.replaceFirst(":latest$", "")
                + ":1.2.3\"");
      }
    }
  }
}
