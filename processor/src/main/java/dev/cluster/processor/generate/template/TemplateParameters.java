package dev.cluster.processor.generate.template;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.TemplateParameterNames;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The template's parameters, in template order: the machine image, the SSH key pair, the admins'
 * address range, one range per port that names one, and the hosted zone the front door keeps
 * pointing at itself. None has a default: each is a choice about the account the cluster is
 * deployed to. Not among them: the boot configuration's bucket, which the deploy client fills from
 * its {@code --template-bucket}, into which it uploads the configs. Their names are {@link
 * TemplateParameterNames}.
 */
public final class TemplateParameters {
  private TemplateParameters() {}

  public static List<TemplateParameter> of(ClusterModel model) {
    List<TemplateParameter> parameters = new ArrayList<>();
    parameters.add(
        new TemplateParameter(
            TemplateParameterNames.IMAGE_ID,
            "AWS::EC2::Image::Id",
            "Flatcar Container Linux AMI (stable channel, HVM) of region "
                + model.cluster().region(),
            false));
    parameters.add(
        new TemplateParameter(
            TemplateParameterNames.KEY_NAME,
            "AWS::EC2::KeyPair::KeyName",
            "EC2 key pair for SSH to the machines (user core)",
            false));
    parameters.add(
        new TemplateParameter(
            TemplateParameterNames.ADMIN_CIDR,
            "String",
            "Address range allowed to SSH to the machines, e.g. your office's /32",
            true));
    TreeSet<String> portParameters = new TreeSet<>();
    for (ServiceSpec service : model.services()) {
      service.ports().stream()
          .map(PortSpec::openToParameter)
          .filter(p -> !p.isEmpty())
          .forEach(portParameters::add);
    }
    for (String name : portParameters) {
      parameters.add(
          new TemplateParameter(
              name, "String", "Address range allowed to reach the ports that name " + name, true));
    }
    if (!model.frontDoors().isEmpty()) {
      parameters.add(
          new TemplateParameter(
              TemplateParameterNames.HOSTED_ZONE,
              "AWS::Route53::HostedZone::Id",
              "Route 53 hosted zone of "
                  + model.cluster().domain()
                  + ", kept pointing at the front door",
              false));
    }
    return List.copyOf(parameters);
  }
}
