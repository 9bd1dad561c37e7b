package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.model.OidcClientSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.regex.Pattern;

/**
 * Accounts on the machines: a {@code @Group(machineLogin = true)} needs the identity provider
 * reachable at its route (the machines' accounts-sync reads it there), {@code machineGroups} only
 * make sense with machineLogin and must be local group names, and
 * {@code @ReadsAccounts(authorizedKeysToken)} must name one of the service's own {@code secrets} on
 * a routed service (the machines ask it through the front door with that token).
 */
public final class MachineLoginRule implements Rule {
  private static final Pattern LOCAL_GROUP = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

  @Override
  public String tag() {
    return "machine-login";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (GroupSpec group : model.groups()) {
      if (!group.machineLogin() && !group.machineGroups().isEmpty()) {
        problems.error(
            group.origin(),
            "machineGroups",
            "@Group "
                + group.name()
                + " names machineGroups but not"
                + " machineLogin = true: its members get no account on the machines; set machineLogin = true or drop"
                + " machineGroups");
      }
      for (int i = 0; i < group.machineGroups().size(); i++) {
        String local = group.machineGroups().get(i);
        if (!LOCAL_GROUP.matcher(local).matches()) {
          problems.error(
              group.origin(),
              "machineGroups[" + i + "]",
              "'"
                  + local
                  + "' is not a local group name"
                  + " (lower-case letters, digits, '_', '-', at most 32, e.g. sudo)");
        }
      }
      boolean providerReachable = model.identityProvider().flatMap(ServiceSpec::route).isPresent();
      if (group.machineLogin() && !providerReachable) {
        problems.error(
            group.origin(),
            "machineLogin",
            "@Group "
                + group.name()
                + " logs into the machines, whose"
                + " accounts-sync reads the groups from the @IdentityProvider at its @Route, but cluster "
                + model.cluster().name()
                + " has no routed @IdentityProvider; add one (Keycloak with @Route)");
      }
    }
    for (OidcClientSpec client : model.identity().clients()) {
      if (client.authorizedKeysToken().isEmpty()) {
        continue;
      }
      ServiceSpec service = model.service(client.serviceId()).orElseThrow();
      String token = client.authorizedKeysToken().get();
      if (!service.secrets().contains(token)) {
        problems.error(
            client.origin(),
            "",
            "@ReadsAccounts(authorizedKeysToken = "
                + References.classLiteral(token)
                + ") on "
                + service.name()
                + " is not one of its secrets, so it cannot check the machines' token;"
                + " add it to @Service(secrets)");
      }
      if (service.route().isEmpty()) {
        problems.error(
            client.origin(),
            "",
            "@ReadsAccounts(authorizedKeysToken) on "
                + service.name()
                + " has no"
                + " @Route: the machines reach it through the front door at https://<subdomain>."
                + model.cluster().domain()
                + "; add a @Route");
      }
    }
  }
}
