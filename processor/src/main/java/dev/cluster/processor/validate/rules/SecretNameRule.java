package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.validate.Rule;
import java.util.regex.Pattern;

/**
 * A secret lives in Secrets Manager as {@code <cluster>/<name>}, whose names take letters, digits
 * and {@code / _ + = . @ -}; a '/' would also nest it under another secret's path, so the name is
 * one segment.
 */
public final class SecretNameRule implements Rule {
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_+=.@-]{1,256}");

  @Override
  public String tag() {
    return "secret-name";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (SecretSpec secret : model.secrets()) {
      if (!isValid(secret.name())) {
        problems.error(
            secret.origin(),
            "name",
            "the secret name \""
                + secret.name()
                + "\" of "
                + References.simpleName(secret.id())
                + " is not a Secrets Manager name segment: use letters, digits"
                + " and _ + = . @ -, e.g. \"build-token\"");
      }
    }
  }

  static boolean isValid(String name) {
    return SECRET_NAME.matcher(name).matches();
  }
}
