package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.generate.nodes.BootConfig;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.TemplateParameterNames;
import java.util.TreeSet;

/**
 * A node group's IAM permissions: only what its machines and the services that run on them need.
 * Every machine reads its own group's boot configuration from the boot-config bucket. Every machine
 * finds the MAIN machines by their tags, DATA machines also their own group's ({@code
 * ec2:DescribeInstances} has no resource-level permissions, hence {@code *}); a machine reads only
 * the secrets its own services declare, and its own (accounts-sync's client secret and the key
 * service's token, {@link ClusterModel#machineSecrets}); every machine may signal its readiness to
 * this stack only; every machine may pull the cluster's own images (and push none); MAIN machines
 * may only add etcd snapshots to their cluster's prefix of the snapshot bucket; the front door's
 * machines may change only the cluster's hosted zone.
 */
final class NodePolicies {
  private NodePolicies() {}

  static ArrayNode forGroup(ClusterModel model, NodeGroupSpec group) {
    ArrayNode policies = Json.array();
    ObjectNode discover = policy(policies, "discover-etcd-members");
    discover.putArray("Action").add("ec2:DescribeInstances");
    discover.put("Resource", "*");
    // The readiness signal its group's creation and rolling updates wait for (nodes/ReadySignal),
    // to this stack only.
    ObjectNode signal = policy(policies, "signal-readiness");
    signal.putArray("Action").add("cloudformation:SignalResource");
    signal.set(
        "Resource",
        Cfn.sub(
            "arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${AWS::StackName}/*"));
    // The bucket may be private: the machine reads its group's boot configuration (BootConfig) with
    // its role.
    ObjectNode boot = policy(policies, "read-boot-config");
    boot.putArray("Action").add("s3:GetObject");
    boot.set(
        "Resource",
        Cfn.sub(
            "arn:${AWS::Partition}:s3:::${"
                + TemplateParameterNames.BOOT_CONFIG_BUCKET
                + "}/"
                + BootConfig.keyPrefix(model, group)
                + "*"));
    if (group.role() == Role.MAIN && SnapshotBucket.wanted(model)) {
      SnapshotBucket.uploadPolicy(model, policy(policies, "upload-etcd-snapshots"));
    }
    if (!model.teamImages().isEmpty()) {
      EcrRepositories.pullPolicy(model, policies);
    }
    TreeSet<String> secrets = new TreeSet<>();
    for (ServiceSpec service : model.servicesOn(group)) {
      model.secretsOf(service).stream().map(model::secretsManagerName).forEach(secrets::add);
    }
    model.machineSecrets().stream().map(model::secretsManagerName).forEach(secrets::add);
    if (!secrets.isEmpty()) {
      ObjectNode statement = policy(policies, "read-own-secrets");
      statement.putArray("Action").add("secretsmanager:GetSecretValue");
      ArrayNode resources = statement.putArray("Resource");
      for (String secret : secrets) {
        resources.add(
            Cfn.sub(
                "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:"
                    + secret
                    + "-*"));
      }
    }
    if (model.frontDoors().stream().anyMatch(f -> f.runsOn().equals(group.id()))) {
      ObjectNode statement = policy(policies, "update-cluster-dns");
      statement
          .putArray("Action")
          .add("route53:ChangeResourceRecordSets")
          .add("route53:ListResourceRecordSets");
      statement.set(
          "Resource",
          Cfn.sub(
              "arn:${AWS::Partition}:route53:::hostedzone/${"
                  + TemplateParameterNames.HOSTED_ZONE
                  + "}"));
      // certbot's Route 53 plugin (the front door's certificate) finds the zone and waits for its
      // change.
      ObjectNode certbot = policy(policies, "certbot-dns-route53");
      certbot.putArray("Action").add("route53:ListHostedZones").add("route53:GetChange");
      certbot.put("Resource", "*");
    }
    return policies;
  }

  private static ObjectNode policy(ArrayNode policies, String name) {
    ObjectNode policy = policies.addObject();
    policy.put("PolicyName", name);
    ObjectNode document = policy.putObject("PolicyDocument");
    document.put("Version", "2012-10-17");
    ObjectNode statement = document.putArray("Statement").addObject();
    statement.put("Effect", "Allow");
    return statement;
  }
}
