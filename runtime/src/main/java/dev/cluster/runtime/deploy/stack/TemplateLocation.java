package dev.cluster.runtime.deploy.stack;

import java.util.Objects;

/**
 * Where CloudFormation reads the template: sent inline (TemplateBody), or from S3 (TemplateURL).
 * Exactly one of the two is set.
 */
public record TemplateLocation(String body, String url) {
  public TemplateLocation {
    if ((body == null) == (url == null)) {
      throw new IllegalArgumentException("a template is either inline or at a URL");
    }
  }

  public static TemplateLocation inline(String body) {
    return new TemplateLocation(Objects.requireNonNull(body, "body"), null);
  }

  public static TemplateLocation at(String url) {
    return new TemplateLocation(null, Objects.requireNonNull(url, "url"));
  }

  public boolean inline() {
    return body != null;
  }
}
