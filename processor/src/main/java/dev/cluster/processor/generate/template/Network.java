package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.model.Cidr;
import dev.cluster.processor.model.ClusterModel;
import java.util.List;

/**
 * The VPC: one subnet per zone carved from the VPC block, an internet gateway, and the route to it.
 */
final class Network {
  static final String VPC = "Vpc";
  private static final int SUBNET_EXTRA_BITS = 4;

  private Network() {}

  static String subnet(int zoneIndex) {
    return "Subnet" + (char) ('A' + zoneIndex);
  }

  /**
   * The subnet blocks, one per zone; validation has made sure the VPC block parses and has room.
   */
  static List<Cidr> subnetBlocks(ClusterModel model) {
    Cidr vpc = Cidr.parse(model.cluster().vpcCidr()).orElseThrow();
    return java.util.stream.IntStream.range(0, model.cluster().zones().size())
        .mapToObj(i -> vpc.subnet(SUBNET_EXTRA_BITS, i))
        .toList();
  }

  static void add(ClusterModel model, ObjectNode resources) {
    String cluster = model.cluster().name();
    ObjectNode vpc = Cfn.resource(resources, VPC, "AWS::EC2::VPC");
    vpc.put("CidrBlock", model.cluster().vpcCidr());
    vpc.put("EnableDnsSupport", true);
    vpc.put("EnableDnsHostnames", true);
    vpc.set("Tags", Cfn.tags(cluster, "vpc"));

    Cfn.resource(resources, "InternetGateway", "AWS::EC2::InternetGateway")
        .set("Tags", Cfn.tags(cluster, "igw"));
    ObjectNode attachment =
        Cfn.resource(resources, "GatewayAttachment", "AWS::EC2::VPCGatewayAttachment");
    attachment.set("VpcId", Cfn.ref(VPC));
    attachment.set("InternetGatewayId", Cfn.ref("InternetGateway"));

    ObjectNode routeTable = Cfn.resource(resources, "RouteTable", "AWS::EC2::RouteTable");
    routeTable.set("VpcId", Cfn.ref(VPC));
    routeTable.set("Tags", Cfn.tags(cluster, "routes"));
    ObjectNode routeResource = resources.putObject("InternetRoute");
    routeResource.put("Type", "AWS::EC2::Route");
    routeResource.put("DependsOn", "GatewayAttachment");
    ObjectNode route = routeResource.putObject("Properties");
    route.set("RouteTableId", Cfn.ref("RouteTable"));
    route.put("DestinationCidrBlock", "0.0.0.0/0");
    route.set("GatewayId", Cfn.ref("InternetGateway"));

    List<Cidr> blocks = subnetBlocks(model);
    for (int i = 0; i < blocks.size(); i++) {
      String zone = model.cluster().zones().get(i);
      ObjectNode subnet = Cfn.resource(resources, subnet(i), "AWS::EC2::Subnet");
      subnet.set("VpcId", Cfn.ref(VPC));
      subnet.put("CidrBlock", blocks.get(i).toString());
      subnet.put("AvailabilityZone", zone);
      subnet.set("Tags", Cfn.tags(cluster, zone));
      ObjectNode association =
          Cfn.resource(resources, subnet(i) + "Routes", "AWS::EC2::SubnetRouteTableAssociation");
      association.set("SubnetId", Cfn.ref(subnet(i)));
      association.set("RouteTableId", Cfn.ref("RouteTable"));
    }
  }
}
