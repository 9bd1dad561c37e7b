package dev.cluster.processor.validate;

import dev.cluster.processor.validate.rules.AmbassadorPortsRule;
import dev.cluster.processor.validate.rules.ApiProxyKeyRule;
import dev.cluster.processor.validate.rules.ApiProxyPrefixRule;
import dev.cluster.processor.validate.rules.ApiProxyRedisRule;
import dev.cluster.processor.validate.rules.ApiProxyUpstreamRule;
import dev.cluster.processor.validate.rules.ClusterDomainRule;
import dev.cluster.processor.validate.rules.ClusterNameRule;
import dev.cluster.processor.validate.rules.DataEngineRule;
import dev.cluster.processor.validate.rules.DataFeaturesRule;
import dev.cluster.processor.validate.rules.DataReplicasRule;
import dev.cluster.processor.validate.rules.DataSizeRule;
import dev.cluster.processor.validate.rules.DbEnvRule;
import dev.cluster.processor.validate.rules.DiskSizeRule;
import dev.cluster.processor.validate.rules.EnvNamesRule;
import dev.cluster.processor.validate.rules.EnvSecretRule;
import dev.cluster.processor.validate.rules.FrontDoorPublicRule;
import dev.cluster.processor.validate.rules.GroupUnusedRule;
import dev.cluster.processor.validate.rules.HealthPathRule;
import dev.cluster.processor.validate.rules.HealthPortRule;
import dev.cluster.processor.validate.rules.IdentityProviderRouteRule;
import dev.cluster.processor.validate.rules.ImageRule;
import dev.cluster.processor.validate.rules.InstanceTypesRule;
import dev.cluster.processor.validate.rules.InstanceVarietyRule;
import dev.cluster.processor.validate.rules.MachineLoginRule;
import dev.cluster.processor.validate.rules.MainGroupOddRule;
import dev.cluster.processor.validate.rules.MainGroupSizeRule;
import dev.cluster.processor.validate.rules.NitroEncryptionRule;
import dev.cluster.processor.validate.rules.NodeGroupNameRule;
import dev.cluster.processor.validate.rules.NodePortsRule;
import dev.cluster.processor.validate.rules.OidcClientRule;
import dev.cluster.processor.validate.rules.OneFrontDoorRule;
import dev.cluster.processor.validate.rules.OneIdentityProviderRule;
import dev.cluster.processor.validate.rules.OneMainGroupRule;
import dev.cluster.processor.validate.rules.OneSignInRule;
import dev.cluster.processor.validate.rules.OpenToParameterRule;
import dev.cluster.processor.validate.rules.PlacementRule;
import dev.cluster.processor.validate.rules.PortClashRule;
import dev.cluster.processor.validate.rules.PortRangeRule;
import dev.cluster.processor.validate.rules.PostgresReplicasRule;
import dev.cluster.processor.validate.rules.PostgresRoleRule;
import dev.cluster.processor.validate.rules.PublicPortsRule;
import dev.cluster.processor.validate.rules.PublicReasonRule;
import dev.cluster.processor.validate.rules.PublicRouteRule;
import dev.cluster.processor.validate.rules.PublicSshRule;
import dev.cluster.processor.validate.rules.RegionRule;
import dev.cluster.processor.validate.rules.RoleAttributesRule;
import dev.cluster.processor.validate.rules.RouteAllowRule;
import dev.cluster.processor.validate.rules.RouteFrontDoorRule;
import dev.cluster.processor.validate.rules.RouteOpenPathsRule;
import dev.cluster.processor.validate.rules.RoutePortRule;
import dev.cluster.processor.validate.rules.RouteSubdomainRule;
import dev.cluster.processor.validate.rules.RunsOnNodeGroupRule;
import dev.cluster.processor.validate.rules.SecretNameRule;
import dev.cluster.processor.validate.rules.SecretsRule;
import dev.cluster.processor.validate.rules.SecurityGroupQuotaRule;
import dev.cluster.processor.validate.rules.ServiceConfigRule;
import dev.cluster.processor.validate.rules.ServiceNameRule;
import dev.cluster.processor.validate.rules.StatefulWorkerRule;
import dev.cluster.processor.validate.rules.TeamImageRule;
import dev.cluster.processor.validate.rules.UnbuiltImageRule;
import dev.cluster.processor.validate.rules.UniqueNamesRule;
import dev.cluster.processor.validate.rules.UnitNameClashRule;
import dev.cluster.processor.validate.rules.UsedPortRule;
import dev.cluster.processor.validate.rules.UsesCycleRule;
import dev.cluster.processor.validate.rules.UsesServiceRule;
import dev.cluster.processor.validate.rules.VolumeEngineRule;
import dev.cluster.processor.validate.rules.VolumeOverlapRule;
import dev.cluster.processor.validate.rules.VolumePathRule;
import dev.cluster.processor.validate.rules.VpcCidrRule;
import dev.cluster.processor.validate.rules.WorkerSizeRule;
import dev.cluster.processor.validate.rules.ZonesRule;
import java.util.List;

/**
 * Every rule, in the order they run. A new rule is one class in {@code rules/} and one line here,
 * one test, and one entry in docs/RULES.md.
 *
 * <p>Shape rules come first (names, sizes, references, port numbers); the rules after them pass
 * over what a shape rule reports, so one mistake gives one error (docs/RULES.md, "No cascades").
 */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  public static final List<Rule> RULES =
      List.of(
          // The cluster.
          new ClusterNameRule(),
          new ClusterDomainRule(),
          new RegionRule(),
          new ZonesRule(),
          new VpcCidrRule(),
          new SecurityGroupQuotaRule(),
          // Names.
          new UniqueNamesRule(),
          new ServiceNameRule(),
          new NodeGroupNameRule(),
          new SecretNameRule(),
          // Node groups.
          new OneMainGroupRule(),
          new RoleAttributesRule(),
          new MainGroupSizeRule(),
          new MainGroupOddRule(),
          new WorkerSizeRule(),
          new DataSizeRule(),
          new InstanceTypesRule(),
          new InstanceVarietyRule(),
          new NitroEncryptionRule(),
          new DiskSizeRule(),
          // References between classes.
          new RunsOnNodeGroupRule(),
          new UsesServiceRule(),
          new SecretsRule(),
          new RouteAllowRule(),
          new ApiProxyKeyRule(),
          // Services.
          new ImageRule(),
          new TeamImageRule(),
          new UnbuiltImageRule(),
          new PortRangeRule(),
          new PublicSshRule(),
          new NodePortsRule(),
          new PortClashRule(),
          new PlacementRule(),
          new DataReplicasRule(),
          new DataFeaturesRule(),
          new DataEngineRule(),
          new ServiceConfigRule(),
          new UsesCycleRule(),
          new UsedPortRule(),
          new AmbassadorPortsRule(),
          new HealthPortRule(),
          new HealthPathRule(),
          new RoutePortRule(),
          new UnitNameClashRule(),
          // State.
          new VolumePathRule(),
          new VolumeOverlapRule(),
          new VolumeEngineRule(),
          new StatefulWorkerRule(),
          new PostgresReplicasRule(),
          new PostgresRoleRule(),
          // Secrets.
          new EnvSecretRule(),
          new DbEnvRule(),
          new EnvNamesRule(),
          // Security.
          new PublicReasonRule(),
          new PublicPortsRule(),
          new PublicRouteRule(),
          new FrontDoorPublicRule(),
          new OneFrontDoorRule(),
          new RouteFrontDoorRule(),
          new RouteSubdomainRule(),
          new RouteOpenPathsRule(),
          new OpenToParameterRule(),
          // Accounts and sign-in.
          new GroupUnusedRule(),
          new OneIdentityProviderRule(),
          new IdentityProviderRouteRule(),
          new OneSignInRule(),
          new OidcClientRule(),
          new MachineLoginRule(),
          // API proxies.
          new ApiProxyPrefixRule(),
          new ApiProxyUpstreamRule(),
          new ApiProxyRedisRule());
}
