package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.EnvSpec;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The app gets one environment: its {@code @Env}s, the variables of the secrets it reads and, for
 * each used service, {@code <PREFIX>_HOST}/{@code _PORT} of its ambassador (a derived database's
 * user, name and URL too, under its {@code @DbEnv}'s names). Each name must be a shell variable
 * name and come from one source only, or one value silently replaces the other. Names [env-secret]
 * reports are left to it, and so is a secret's default env derived from a name [secret-name]
 * rejects; ambassadors count only when every used service resolves ([uses]).
 */
public final class EnvNamesRule implements Rule {
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @Override
  public String tag() {
    return "env-names";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (SecretSpec secret : model.secrets()) {
      // a derived secret's env is the processor's own or a @DbEnv's name, which [db-env] checks
      boolean derived = secret.id().contains("#");
      if (!derived && !VARIABLE.matcher(secret.env()).matches() && !isDefaultOfBadName(secret)) {
        problems.error(
            secret.origin(),
            "env",
            "env = \""
                + secret.env()
                + "\" of secret "
                + secret.name()
                + " is not an environment variable name: letters, digits and '_', not starting with a digit");
      }
    }
    for (ServiceSpec service : model.services()) {
      if (service.kind() == ServiceKind.APP) {
        checkService(model, service, problems);
      }
    }
  }

  /**
   * The password of the app's own user of a database derived for it, named by that database's
   * {@code @DbEnv}.
   */
  private static boolean isDatabasePassword(
      ClusterModel model, ServiceSpec app, SecretSpec secret) {
    return model.used(app).stream()
        .anyMatch(used -> used.kind() != ServiceKind.APP && used.secrets().contains(secret.id()));
  }

  static boolean isVariable(String name) {
    return VARIABLE.matcher(name).matches();
  }

  /** A default env derived from a name that [secret-name] rejects: fixing the name fixes both. */
  private static boolean isDefaultOfBadName(SecretSpec secret) {
    return !SecretNameRule.isValid(secret.name())
        && secret.env().equals(Names.envName(secret.name()));
  }

  private static void checkService(ClusterModel model, ServiceSpec service, Problems problems) {
    Map<String, String> sources = new LinkedHashMap<>();
    if (UsesServiceRule.allResolve(model, service)) {
      for (ServiceSpec used : model.used(service)) {
        // the password is a secret of the app's, checked with them below; a name [db-env] rejects
        // is left to it
        used.clientEnv()
            .byAttribute()
            .forEach(
                (attribute, name) -> {
                  if (attribute.equals("password") || !isVariable(name)) {
                    return;
                  }
                  String source = "the ambassador to " + used.name();
                  String earlier = sources.putIfAbsent(name, source);
                  // two names of one database's @DbEnv are [db-env]'s
                  if (earlier != null
                      && used.kind() != ServiceKind.APP
                      && !earlier.equals(source)) {
                    problems.error(
                        used.origin(),
                        "env." + attribute,
                        "env."
                            + attribute
                            + " = \""
                            + name
                            + "\" of "
                            + used.name()
                            + " for service "
                            + service.name()
                            + " is set already by "
                            + earlier
                            + "; one of them would silently replace the other: rename it");
                  }
                });
      }
    }
    List<String> secretIds = service.secrets();
    for (int i = 0; i < secretIds.size(); i++) {
      int index = i;
      model
          .secret(secretIds.get(i))
          .ifPresent(
              secret -> {
                String earlier = sources.putIfAbsent(secret.env(), "secret " + secret.name());
                if (earlier != null && isDatabasePassword(model, service, secret)) {
                  problems.error(
                      secret.origin(),
                      "env.password",
                      "secret "
                          + secret.name()
                          + " of service "
                          + service.name()
                          + " is given to the app as "
                          + secret.env()
                          + ", which "
                          + earlier
                          + " sets already; give env.password"
                          + " another name");
                } else if (earlier != null) {
                  problems.error(
                      service.origin(),
                      "secrets[" + index + "]",
                      "secret "
                          + secret.name()
                          + " of service "
                          + service.name()
                          + " is given to the app as "
                          + secret.env()
                          + ", which "
                          + earlier
                          + " sets already; give the @Secret another env");
                }
              });
    }
    List<EnvSpec> env = service.env();
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i).name();
      String attribute = "env[" + i + "].name";
      if (!VARIABLE.matcher(name).matches()) {
        problems.error(
            service.origin(),
            attribute,
            "env name \""
                + name
                + "\" of service "
                + service.name()
                + " is not an environment variable name: letters, digits and '_', not starting with a digit");
      } else if (!EnvSecretRule.looksSecret(name)) {
        String earlier = sources.putIfAbsent(name, "@Env " + name);
        if (earlier != null) {
          problems.error(
              service.origin(),
              attribute,
              "env "
                  + name
                  + " of service "
                  + service.name()
                  + " is set"
                  + " already by "
                  + earlier
                  + "; one of them would silently replace the other: rename it");
        }
      }
    }
  }
}
