package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.TemplateParameterNames;
import dev.cluster.processor.validate.Rule;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code openToParameter} becomes a CloudFormation parameter: alphanumeric, and not one of the
 * parameters the template declares itself, whose meaning it would take over. At most {@value
 * #MAX_LENGTH} characters: the security-group rule opening a port to it is named {@code
 * <Group>From<Parameter><PROTO><port>}, which with a group name of 63 characters must stay within
 * CloudFormation's 255 for a logical id.
 */
public final class OpenToParameterRule implements Rule {
  static final int MAX_LENGTH = 180;
  private static final Pattern PARAMETER_NAME =
      Pattern.compile("[A-Za-z0-9]{1," + MAX_LENGTH + "}");

  @Override
  public String tag() {
    return "open-to-parameter";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      List<PortSpec> ports = service.ports();
      for (int i = 0; i < ports.size(); i++) {
        String parameter = ports.get(i).openToParameter();
        String attribute = "ports[" + i + "].openToParameter";
        if (parameter.isEmpty()) {
          continue;
        }
        if (!PARAMETER_NAME.matcher(parameter).matches()) {
          problems.error(
              service.origin(),
              attribute,
              "openToParameter = \""
                  + parameter
                  + "\" of service "
                  + service.name()
                  + " is not a CloudFormation parameter name: use letters and digits only, at most "
                  + MAX_LENGTH
                  + " (the rules opening the port are named after it), e.g. \"GitSshCidr\"");
        } else if (TemplateParameterNames.DECLARED_BY_TEMPLATE.contains(parameter)) {
          problems.error(
              service.origin(),
              attribute,
              "openToParameter = \""
                  + parameter
                  + "\" of service "
                  + service.name()
                  + " is a parameter the template declares itself "
                  + TemplateParameterNames.DECLARED_BY_TEMPLATE.stream().sorted().toList()
                  + "; choose another name, e.g. \""
                  + References.simpleName(service.id())
                  + "Cidr\"");
        }
      }
    }
  }
}
