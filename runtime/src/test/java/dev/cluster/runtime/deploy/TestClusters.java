package dev.cluster.runtime.deploy;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.contract.descriptor.PatroniDatabase;
import dev.cluster.contract.descriptor.SecretRef;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.contract.descriptor.StackParameter;
import dev.cluster.contract.descriptor.UnitFile;
import dev.cluster.contract.patroni.PatroniScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cluster descriptors built in code, as the generated client builds them. */
public final class TestClusters {
  private TestClusters() {}

  public static ClusterDescriptor team() {
    return team("deploy/team-template.json");
  }

  /**
   * The team cluster under another name: its config files are this module's test resources under
   * cluster/NAME/.
   */
  public static ClusterDescriptor teamNamed(String name) {
    ClusterDescriptor team = team();
    return new ClusterDescriptor(
        name,
        team.defaultRegion(),
        team.templateResource(),
        team.parameters(),
        team.units(),
        team.secrets(),
        team.nodeGroups(),
        team.services());
  }

  /**
   * The team cluster under another name with a {@code @Postgres} database, gerrit-db, whose three
   * members run as {@code gerrit-db@1..3.service}.
   */
  public static ClusterDescriptor teamWithDatabase(String name) {
    ClusterDescriptor team = teamNamed(name);
    List<ServiceInfo> services = new ArrayList<>(team.services());
    PatroniScope keys = PatroniScope.of(name, "gerrit-db");
    services.add(
        new ServiceInfo(
            "gerrit-db",
            "main",
            3,
            List.of("gerrit-db@.service"),
            "dev-cluster/postgres-patroni:17",
            List.of("5432/tcp"),
            Optional.empty(),
            "",
            List.of(),
            List.of(),
            Optional.of(
                new PatroniDatabase(
                    keys.namespace(),
                    keys.scope(),
                    Map.of(
                        "gerrit-db-1",
                        "gerrit-db@1.service",
                        "gerrit-db-2",
                        "gerrit-db@2.service",
                        "gerrit-db-3",
                        "gerrit-db@3.service")))));
    return new ClusterDescriptor(
        team.name(),
        team.defaultRegion(),
        team.templateResource(),
        team.parameters(),
        team.units(),
        team.secrets(),
        team.nodeGroups(),
        services);
  }

  /**
   * The team cluster with a cache whose image the project builds (images.json's team/redis), which
   * its units pull from ECR.
   */
  public static ClusterDescriptor teamWithBuiltImage() {
    ClusterDescriptor team = team();
    List<UnitFile> units = new ArrayList<>(team.units());
    units.add(new UnitFile("redis@.service", "deploy/units/redis@.service", "redis", 2));
    List<ServiceInfo> services = new ArrayList<>(team.services());
    services.add(new ServiceInfo("redis", "main", 2, List.of("redis@.service")));
    return new ClusterDescriptor(
        team.name(),
        team.defaultRegion(),
        team.templateResource(),
        team.parameters(),
        units,
        team.secrets(),
        team.nodeGroups(),
        services);
  }

  /**
   * The team cluster whose database also has a secret any random value serves, which deploy makes
   * when missing.
   */
  public static ClusterDescriptor teamWithGeneratedSecret() {
    ClusterDescriptor team = team();
    List<SecretRef> secrets = new ArrayList<>(team.secrets());
    secrets.add(
        new SecretRef(
            "team/gerrit/db-superuser-password",
            "Superuser password of gerrit's database",
            List.of("gerrit-db"),
            true));
    return new ClusterDescriptor(
        team.name(),
        team.defaultRegion(),
        team.templateResource(),
        team.parameters(),
        team.units(),
        secrets,
        team.nodeGroups(),
        team.services());
  }

  /** The team cluster with another template, as after a change to the annotated classes. */
  public static ClusterDescriptor team(String templateResource) {
    return new ClusterDescriptor(
        "team",
        "eu-west-1",
        templateResource,
        List.of(
            new StackParameter("KeyName", "EC2 key pair for ssh to the nodes", Optional.empty()),
            new StackParameter(
                "InstanceType", "EC2 instance type of main nodes", Optional.of("t3.medium"))),
        List.of(
            new UnitFile("gerrit@.service", "deploy/units/gerrit@.service", "gerrit", 2),
            new UnitFile("dns-updater.service", "deploy/units/dns-updater.service", "dns", 0)),
        List.of(
            new SecretRef(
                "team/gerrit/db-password", "Gerrit database password", List.of("gerrit"))),
        List.of(
            new NodeGroupInfo(
                "main", "MAIN", 3, 3, List.of("m6i.large", "m6a.large"), "MainGroupName"),
            new NodeGroupInfo(
                "edge", "WORKER", 1, 4, List.of("m6i.large", "m6a.large"), "EdgeGroupName")),
        List.of(
            new ServiceInfo(
                "gerrit",
                "main",
                2,
                List.of("gerrit@.service"),
                "dev-cluster/gerrit:3.10.1",
                List.of("8080/tcp http", "29418/tcp ssh"),
                Optional.of("https://review.team.example.com"),
                "members of developers",
                List.of()),
            new ServiceInfo("dns", "edge", 1, List.of("dns-updater.service"))));
  }

  /**
   * A cluster of one service with one plain unit on one main machine, e.g. a unit fleet refuses:
   * {@code unit} read from test resource {@code resource}.
   */
  public static ClusterDescriptor oneUnit(String cluster, String unit, String resource) {
    String service = unit.substring(0, unit.indexOf('.'));
    return new ClusterDescriptor(
        cluster,
        "eu-west-1",
        "deploy/team-template.json",
        List.of(),
        List.of(new UnitFile(unit, resource, service, 0)),
        List.of(),
        List.of(new NodeGroupInfo("main", "MAIN", 1, 1, List.of("m6i.large"), "MainGroupName")),
        List.of(new ServiceInfo(service, "main", 1, List.of(unit))));
  }

  /**
   * Gerrit alone, 3 instances of its template from test resource {@code resource}, on 3 main
   * machines.
   */
  public static ClusterDescriptor gerrit(String resource) {
    return new ClusterDescriptor(
        "team",
        "eu-west-1",
        "deploy/team-template.json",
        List.of(),
        List.of(new UnitFile("gerrit@.service", resource, "gerrit", 3)),
        List.of(),
        List.of(new NodeGroupInfo("main", "MAIN", 3, 3, List.of("m6i.large"), "MainGroupName")),
        List.of(new ServiceInfo("gerrit", "main", 3, List.of("gerrit@.service"))));
  }
}
