package dev.cluster.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import org.junit.jupiter.api.Test;

/**
 * Rules on the {@code @Cluster} declaration: one per package, its names, region, zones and VPC
 * block.
 */
class ClusterRulesTest {

  private static ClusterSources cluster(String attributes) {
    return ClusterSources.valid()
        .with("Demo", "@Cluster(" + attributes + ")\npublic class Demo {}\n");
  }

  private static final String ZONES =
      "    zones = {\"eu-west-1a\", \"eu-west-1b\", \"eu-west-1c\"}";

  @Test
  void aSecondClusterInOnePackageIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Other",
                """
        @Cluster(name = "other", domain = "other.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"})
        public class Other {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "Other",
            "[one-cluster] package test declares its cluster in both class Other and class Demo",
            "@Cluster("),
        new Expect.At(
            "Demo",
            "[one-cluster] package test declares its cluster in both class Demo and class Other",
            "@Cluster("));
  }

  @Test
  void aMemberWithoutAClusterIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .without("Demo")
            .without("Main")
            .without("Workers")
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", runsOn = Object.class)
            public class Web {}
            """);
    Expect.error(
        sources,
        "Web",
        "[one-cluster] Web belongs to the cluster of package test, but no class",
        "public class Web");
  }

  @Test
  void aServiceOnANestedClassIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Outer",
                """
        public class Outer {
          @Service(image = "example/inner:1.0", runsOn = Workers.class)
          public static class Inner {}
        }
        """);
    Expect.error(
        sources,
        "Outer",
        "[top-level] @Service belongs on a top-level class of the cluster's package",
        "class Inner");
  }

  @Test
  void clusterNameThatIsNotADnsLabelIsAnError() {
    ClusterSources sources =
        cluster(
            """
            name = "Demo_1",
            domain = "demo.example.com", region = "eu-west-1",
        """
                + ZONES);
    Expect.error(
        sources,
        "Demo",
        "[cluster-name] name = \"Demo_1\" but the cluster's name must be a DNS label",
        "name = \"Demo_1\"");
  }

  @Test
  void clusterNameWithDigitsAndDashesIsFine() {
    Expect.clean(
        cluster(
            "name = \"team-2\", domain = \"demo.example.com\", region = \"eu-west-1\",\n" + ZONES));
  }

  @Test
  void domainThatIsNotADnsNameIsAnError() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", region = "eu-west-1",
            domain = "demo_example.com",
        """
                + ZONES);
    Expect.error(
        sources,
        "Demo",
        "[cluster-domain] domain = \"demo_example.com\" is not a DNS name",
        "domain = ");
  }

  @Test
  void domainOfManyLabelsIsFine() {
    Expect.clean(
        cluster(
            "name = \"demo\", domain = \"dev.team.example.co.uk\", region = \"eu-west-1\",\n"
                + ZONES));
  }

  @Test
  void regionThatIsNotARegionIsAnErrorAndZonesAreNotComparedWithIt() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com",
            region = "eu-west",
        """
                + ZONES);
    Expect.error(
        sources, "Demo", "[region] region = \"eu-west\" is not an AWS region name", "region = ");
  }

  @Test
  void govCloudRegionIsARegion() {
    Expect.clean(
        cluster(
            """
        name = "demo", domain = "demo.example.com", region = "us-gov-west-1",
            zones = {"us-gov-west-1a", "us-gov-west-1b", "us-gov-west-1c"}"""));
  }

  @Test
  void twoZonesIsAnErrorOnZones() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b"}""");
    Expect.error(
        sources,
        "Demo",
        "[zones] zones has 2 zone(s) but a cluster spans exactly 3 availability zones",
        "zones = ");
  }

  @Test
  void aZoneOfAnotherRegionIsAnErrorOnThatZone() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b",
                "eu-west-2c"}""");
    Expect.error(
        sources,
        "Demo",
        "[zones] zones[2] = \"eu-west-2c\" is not a zone of region eu-west-1",
        "\"eu-west-2c\"");
  }

  @Test
  void aZoneListedTwiceIsAnErrorOnTheSecond() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b",
                "eu-west-1b"}""");
    Expect.error(
        sources,
        "Demo",
        "[zones] zones[2] = \"eu-west-1b\" is listed twice",
        "    \"eu-west-1b\"}");
  }

  @Test
  void vpcCidrThatDoesNotParseIsAnError() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            vpcCidr = "10.0.0.1/16",
        """
                + ZONES);
    Expect.error(
        sources,
        "Demo",
        "[vpc-cidr] vpcCidr = \"10.0.0.1/16\" is not an IPv4 CIDR block with no host bits set",
        "vpcCidr = ");
  }

  @Test
  void vpcCidrTooSmallForThreeSubnetsIsAnError() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            vpcCidr = "10.0.0.0/26",
        """
                + ZONES);
    Expect.error(
        sources,
        "Demo",
        "[vpc-cidr] vpcCidr = \"10.0.0.0/26\" has prefix /26 but must have /16 to /24",
        "vpcCidr = ");
  }

  @Test
  void vpcCidrLargerThanAwsAllowsIsAnError() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            vpcCidr = "10.0.0.0/8",
        """
                + ZONES);
    Expect.error(
        sources,
        "Demo",
        "[vpc-cidr] vpcCidr = \"10.0.0.0/8\" has prefix /8 but must have /16 to /24",
        "vpcCidr = ");
  }

  @Test
  void vpcCidrOutsideThePrivateRangesIsAWarning() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            vpcCidr = "100.64.0.0/16",
        """
                + ZONES);
    Expect.warning(
        sources,
        "Demo",
        "[vpc-cidr] vpcCidr = \"100.64.0.0/16\" is not in a private range",
        "vpcCidr = ");
  }

  @Test
  void smallestPrivateVpcIsFine() {
    Compilation compilation =
        Compile.cluster(
            cluster(
                "name = \"demo\", domain = \"demo.example.com\", region = \"eu-west-1\", vpcCidr = \"192.168.7.0/24\",\n"
                    + ZONES));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aSecurityGroupRuleQuotaBelowAwssDefaultIsAnError() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            securityGroupRuleQuota = 50,
        """
                + ZONES);
    Expect.error(
        sources,
        "Demo",
        "[security-group-quota] securityGroupRuleQuota = 50 is not a value of the AWS quota"
            + " \"Inbound or outbound rules per security group\": it is 60 unless raised, and at most 1000",
        "securityGroupRuleQuota = ");
  }

  @Test
  void aSecurityGroupRuleQuotaOverOneThousandIsAnError() {
    ClusterSources sources =
        cluster(
            """
            name = "demo", domain = "demo.example.com", region = "eu-west-1",
            securityGroupRuleQuota = 1001,
        """
                + ZONES);
    Expect.error(
        sources,
        "Demo",
        "[security-group-quota] securityGroupRuleQuota = 1001 is not a value",
        "securityGroupRuleQuota = ");
  }

  @Test
  void aRaisedSecurityGroupRuleQuotaIsFine() {
    Expect.clean(
        cluster(
            "name = \"demo\", domain = \"demo.example.com\", region = \"eu-west-1\","
                + " securityGroupRuleQuota = 200,\n"
                + ZONES));
  }
}
