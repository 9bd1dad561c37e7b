package dev.cluster.contract.descriptor;

import java.util.List;
import java.util.Objects;

/**
 * Everything the deploy engine knows about a cluster, as generated from the annotated classes.
 *
 * @param name the cluster's name; also the default stack name
 * @param defaultRegion the AWS region used when no {@code --region} is given
 * @param templateResource classpath resource holding the CloudFormation template JSON
 */
public record ClusterDescriptor(
    String name,
    String defaultRegion,
    String templateResource,
    List<StackParameter> parameters,
    List<UnitFile> units,
    List<SecretRef> secrets,
    List<NodeGroupInfo> nodeGroups,
    List<ServiceInfo> services) {
  public ClusterDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    Objects.requireNonNull(templateResource, "templateResource");
    parameters = List.copyOf(parameters);
    units = List.copyOf(units);
    secrets = List.copyOf(secrets);
    nodeGroups = List.copyOf(nodeGroups);
    services = List.copyOf(services);
  }
}
