package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.EnvSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;
import java.util.Set;

/**
 * An {@code @Env} value is written into the unit files and the git history in plain text. A
 * variable whose name has a word like PASSWORD, SECRET, TOKEN or KEY ({@code DB_PASSWORD}, {@code
 * API_KEY}) almost surely carries a secret: it belongs in a {@code @Secret}, read from Secrets
 * Manager when the unit starts.
 */
public final class EnvSecretRule implements Rule {
  static final Set<String> SECRET_WORDS =
      Set.of(
          "PASSWORD",
          "PASSWD",
          "PWD",
          "SECRET",
          "TOKEN",
          "KEY",
          "APIKEY",
          "CREDENTIALS",
          "PRIVATE");

  @Override
  public String tag() {
    return "env-secret";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      List<EnvSpec> env = service.env();
      for (int i = 0; i < env.size(); i++) {
        String name = env.get(i).name();
        if (looksSecret(name)) {
          problems.error(
              service.origin(),
              "env[" + i + "].name",
              "env "
                  + name
                  + " of service "
                  + service.name()
                  + " looks like a secret, and an @Env value is written into the units in plain text: declare a"
                  + " @Secret(env = \""
                  + name
                  + "\", description = ...) class and list it in secrets");
        }
      }
    }
  }

  static boolean looksSecret(String name) {
    for (String word : name.toUpperCase(java.util.Locale.ROOT).split("[^A-Z0-9]+")) {
      if (SECRET_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
