package dev.cluster.processor.generate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.nodes.BootConfig;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.testing.Models;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The template generator on models built in code: no javac involved. */
class TemplateGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceSpec db = Models.service("db", "workers", 3, 5432);
  private final ServiceSpec api = Models.uses(Models.service("api", "workers", 2, 8080), "db");
  private final ServiceSpec web =
      Models.publicBecause(
          Models.uses(Models.service("web", "main", 3, 443), "api"), "the front door");
  private final ServiceSpec search = Models.service("search", "data", 1, 9200, 9300);
  private final ClusterModel model =
      Models.model(
          List.of(Models.main(), Models.workers(), Models.data()), List.of(db, api, web, search));

  private JsonNode template(ClusterModel model) throws Exception {
    List<GeneratedFile> files = new TemplateGenerator().generate(model);
    assertEquals(1, files.size());
    assertEquals("cluster/demo/template.json", files.get(0).path());
    return JSON.readTree(files.get(0).content());
  }

  @Test
  void vpcHasOneSubnetPerZoneCarvedFromItsBlock() throws Exception {
    JsonNode resources = template(model).get("Resources");
    assertEquals("10.0.0.0/16", resources.at("/Vpc/Properties/CidrBlock").asText());
    assertEquals("10.0.0.0/20", resources.at("/SubnetA/Properties/CidrBlock").asText());
    assertEquals("10.0.16.0/20", resources.at("/SubnetB/Properties/CidrBlock").asText());
    assertEquals("10.0.32.0/20", resources.at("/SubnetC/Properties/CidrBlock").asText());
    assertEquals("eu-west-1c", resources.at("/SubnetC/Properties/AvailabilityZone").asText());
    assertEquals(
        "AWS::EC2::VPCGatewayAttachment", resources.at("/GatewayAttachment/Type").asText());
    assertEquals(
        "0.0.0.0/0", resources.at("/InternetRoute/Properties/DestinationCidrBlock").asText());
  }

  @Test
  void eachGroupScalesAsItsRoleWants() throws Exception {
    JsonNode resources = template(model).get("Resources");
    JsonNode main = resources.at("/MainGroup/Properties");
    assertEquals("3", main.get("MinSize").asText());
    assertEquals("3", main.get("MaxSize").asText());
    assertEquals("3", main.get("DesiredCapacity").asText());
    assertEquals(
        "2",
        resources
            .at("/MainGroup/UpdatePolicy/AutoScalingRollingUpdate/MinInstancesInService")
            .asText());
    JsonNode workers = resources.at("/WorkersGroup/Properties");
    assertEquals("2", workers.get("MinSize").asText());
    assertEquals("5", workers.get("MaxSize").asText());
    assertFalse(workers.has("DesiredCapacity"), "a WORKER group's size is left to scaling");
    assertEquals(3, workers.get("VPCZoneIdentifier").size());
    assertEquals(2, workers.at("/MixedInstancesPolicy/LaunchTemplate/Overrides").size());
  }

  @Test
  void machinesUseLaunchTemplatesWithImdsV2AndNeverLaunchConfigurations() throws Exception {
    JsonNode resources = template(model).get("Resources");
    resources
        .fields()
        .forEachRemaining(
            e ->
                assertFalse(
                    e.getValue()
                        .get("Type")
                        .asText()
                        .equals("AWS::AutoScaling::LaunchConfiguration"),
                    e.getKey()));
    JsonNode data = resources.at("/MainLaunchTemplate/Properties/LaunchTemplateData");
    assertEquals("required", data.at("/MetadataOptions/HttpTokens").asText());
    assertEquals(1, data.at("/MetadataOptions/HttpPutResponseHopLimit").asInt());
    assertTrue(data.at("/Monitoring/Enabled").asBoolean());
    assertTrue(data.at("/BlockDeviceMappings/0/Ebs/Encrypted").asBoolean());
    assertEquals("ImageId", data.at("/ImageId/Ref").asText());
  }

  @Test
  void bootConfigStartsEtcdOnMainFleetOnWorkersAndPlainUnitsWithTheirPresenceOnData()
      throws Exception {
    JsonNode mainIgnition = bootConfig(model, "main");
    JsonNode workerIgnition = bootConfig(model, "workers");
    JsonNode dataIgnition = bootConfig(model, "data");
    assertEquals(
        Set.of(
            "cluster-peers.service",
            "etcd-member.service",
            "etcd-snapshot.service",
            "etcd-snapshot.timer",
            "install-fleet.service",
            "fleet.socket",
            "fleet.service",
            "ready-signal.service"),
        unitNames(mainIgnition));
    assertTrue(unit(mainIgnition, "etcd-member.service").contains("--enable-v2=true"));
    assertTrue(unit(mainIgnition, "fleet.service").contains("FLEET_METADATA=role=main,group=main"));
    assertEquals(
        Set.of(
            "cluster-peers.service",
            "etcd-proxy.service",
            "install-fleet.service",
            "fleet.socket",
            "fleet.service",
            "ready-signal.service"),
        unitNames(workerIgnition));
    assertEquals(
        Set.of(
            "cluster-peers.service",
            "etcd-proxy.service",
            "search.service",
            "search-presence.service",
            "ready-signal.service"),
        unitNames(dataIgnition),
        "DATA machines announce their services and fetch their configuration through the proxy");
    assertTrue(unit(dataIgnition, "cluster-peers.service").contains("cluster-peers data "));
  }

  @Test
  void
      userDataMergesItsGroupsConfigFromTheBootConfigBucketByItsSha512AndCarriesOnlyDeployTimeFiles()
          throws Exception {
    JsonNode template = template(model);
    JsonNode resources = template.get("Resources");
    for (String group : List.of("main", "workers", "data")) {
      NodeGroupSpec spec =
          model.nodeGroups().stream().filter(g -> g.name().equals(group)).findFirst().orElseThrow();
      String object = BootConfig.forGroup(model, spec).object();
      String sha512 =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-512")
                      .digest(object.getBytes(StandardCharsets.UTF_8)));
      JsonNode userData = ignition(resources, Names.pascal(group));
      JsonNode merge = userData.at("/ignition/config/merge/0");
      assertEquals(
          "s3://REF-BootConfigBucket/demo/nodes/" + group + "/" + sha512 + ".ign",
          merge.get("source").asText());
      assertEquals("sha512-" + sha512, merge.at("/verification/hash").asText());
      assertTrue(userData.at("/systemd").isMissingNode(), "units are in the object");
      assertFalse(object.contains("@@Ref:"), object);
      JsonNode read = statement(resources, Names.pascal(group), "read-boot-config");
      assertEquals("[\"s3:GetObject\"]", read.get("Action").toString());
      assertEquals(
          "arn:${AWS::Partition}:s3:::${BootConfigBucket}/demo/nodes/" + group + "/*",
          read.at("/Resource/Fn::Sub").asText());
    }
    List<String> mainFiles = new ArrayList<>();
    ignition(resources, "Main")
        .at("/storage/files")
        .forEach(f -> mainFiles.add(f.get("path").asText()));
    assertEquals(
        List.of("/etc/cluster/snapshots.env", "/etc/cluster/signal.env"),
        mainFiles,
        "only files that hold a deploy-time value");
    JsonNode bucket = template.at("/Parameters/BootConfigBucket");
    assertEquals(63, bucket.get("MaxLength").asInt());
    assertEquals("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", bucket.get("AllowedPattern").asText());
  }

  @Test
  void eachGroupsConfigObjectIsAnOutputBesideItsBootFiles() {
    List<GeneratedFile> files =
        new dev.cluster.processor.generate.nodes.NodeFilesGenerator().generate(model);
    for (NodeGroupSpec group : model.nodeGroups()) {
      String path = "cluster/demo/nodes/" + group.name() + "/" + BootConfig.FILE_NAME;
      GeneratedFile config =
          files.stream()
              .filter(f -> f.path().equals(path))
              .findFirst()
              .orElseThrow(() -> new AssertionError(path));
      assertEquals(BootConfig.forGroup(model, group).object(), config.text());
    }
  }

  @Test
  void aPortOpensOnlyToTheGroupsOfItsClients() throws Exception {
    Set<String> openings = openings(template(model));
    assertTrue(openings.contains("Workers tcp 5432 from Workers"), openings.toString());
    assertTrue(openings.contains("Workers tcp 8080 from Main"), "web on main uses api on workers");
    assertFalse(
        openings.stream().anyMatch(o -> o.startsWith("Workers tcp 8080 from Workers")),
        "nobody on workers uses api");
    assertTrue(openings.contains("Main tcp 443 from 0.0.0.0/0"), "web is public");
    assertFalse(
        openings.stream().anyMatch(o -> o.contains("0.0.0.0/0") && !o.contains(" 443 ")),
        openings.toString());
    assertTrue(
        openings.contains("Data tcp 9300 from Data"), "DATA engines cluster among themselves");
  }

  @Test
  void etcdOpensToEveryGroupAndItsPeerPortOnlyAmongMainMachines() throws Exception {
    Set<String> openings = openings(template(model));
    assertTrue(openings.contains("Main tcp 2379 from Main"));
    assertTrue(openings.contains("Main tcp 2379 from Workers"));
    assertTrue(
        openings.contains("Main tcp 2379 from Data"),
        "DATA machines announce their services in etcd");
    assertTrue(openings.contains("Main tcp 2380 from Main"));
    assertEquals(1, openings.stream().filter(o -> o.contains(" 2380 ")).count());
    assertTrue(openings.contains("Data tcp 22 from AdminCidr"));
  }

  @Test
  void outputIsTheSameWhateverOrderTheModelListsThingsIn() throws Exception {
    List<ServiceSpec> shuffled = new ArrayList<>(model.services());
    Collections.reverse(shuffled);
    ClusterModel reordered =
        Models.model(List.of(Models.data(), Models.workers(), Models.main()), shuffled);
    assertEquals(
        new TemplateGenerator().generate(model).get(0).text(),
        new TemplateGenerator().generate(reordered).get(0).text());
  }

  @Test
  void etcdSnapshotsGoToAPrivateEncryptedVersionedBucketTheMainMachinesMayOnlyWriteTo()
      throws Exception {
    JsonNode template = template(model);
    JsonNode resources = template.get("Resources");
    JsonNode bucket = resources.at("/EtcdSnapshotBucket/Properties");
    assertEquals(
        "aws:kms",
        bucket
            .at(
                "/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm")
            .asText());
    assertEquals("Enabled", bucket.at("/VersioningConfiguration/Status").asText());
    bucket.get("PublicAccessBlockConfiguration").forEach(flag -> assertTrue(flag.asBoolean()));
    assertEquals(4, bucket.get("PublicAccessBlockConfiguration").size());
    assertEquals(14, bucket.at("/LifecycleConfiguration/Rules/0/ExpirationInDays").asInt());
    assertEquals(
        7,
        bucket
            .at("/LifecycleConfiguration/Rules/0/NoncurrentVersionExpiration/NoncurrentDays")
            .asInt());
    assertEquals("Retain", resources.at("/EtcdSnapshotBucket/DeletionPolicy").asText());
    JsonNode tlsOnly =
        resources.at("/EtcdSnapshotBucketPolicy/Properties/PolicyDocument/Statement/0");
    assertEquals("Deny", tlsOnly.get("Effect").asText());
    assertEquals("false", tlsOnly.at("/Condition/Bool/aws:SecureTransport").asText());
    assertEquals(
        "EtcdSnapshotBucket", template.at("/Outputs/EtcdSnapshotBucketName/Value/Ref").asText());

    JsonNode upload = statement(resources, "Main", "upload-etcd-snapshots");
    assertEquals("[\"s3:PutObject\"]", upload.get("Action").toString(), "no read, no delete");
    assertEquals("${EtcdSnapshotBucket.Arn}/demo/*", upload.at("/Resource/Fn::Sub").asText());
    assertFalse(
        resources.at("/WorkersRole/Properties/Policies").toString().contains("EtcdSnapshotBucket"));
  }

  @Test
  void mainMachinesSnapshotEtcdEveryQuarterHourIntoTheStacksBucket() throws Exception {
    JsonNode main = bootConfig(model, "main");
    assertTrue(unit(main, "etcd-snapshot.timer").contains("OnCalendar=*:0/15"));
    assertTrue(unit(main, "etcd-snapshot.timer").contains("WantedBy=timers.target"));
    assertTrue(unit(main, "etcd-snapshot.service").contains("ExecStart=/opt/bin/etcd-snapshot"));
    String env = null;
    for (JsonNode file : ignition(template(model).get("Resources"), "Main").at("/storage/files")) {
      if (file.get("path").asText().equals("/etc/cluster/snapshots.env")) {
        env = file.at("/contents/source").asText();
      }
    }
    assertEquals("data:,SNAPSHOT_BUCKET%3DREF-EtcdSnapshotBucket%0A", env);
    assertFalse(unitNames(bootConfig(model, "workers")).contains("etcd-snapshot.timer"));
  }

  private static JsonNode statement(JsonNode resources, String group, String policyName) {
    for (JsonNode policy : resources.at("/" + group + "Role/Properties/Policies")) {
      if (policy.get("PolicyName").asText().equals(policyName)) {
        return policy.at("/PolicyDocument/Statement/0");
      }
    }
    throw new AssertionError("no policy " + policyName + " on " + group);
  }

  /** The Ignition config a group's machines merge in from S3. */
  private static JsonNode bootConfig(ClusterModel model, String group) throws Exception {
    NodeGroupSpec spec =
        model.nodeGroups().stream().filter(g -> g.name().equals(group)).findFirst().orElseThrow();
    return JSON.readTree(BootConfig.forGroup(model, spec).object());
  }

  /** A group's user data, each Ref as {@code REF-Name}. */
  private static JsonNode ignition(JsonNode resources, String group) throws Exception {
    JsonNode base64 =
        resources.at(
            "/" + group + "LaunchTemplate/Properties/LaunchTemplateData/UserData/Fn::Base64");
    if (base64.isTextual()) {
      return JSON.readTree(base64.asText());
    }
    StringBuilder joined = new StringBuilder();
    base64
        .at("/Fn::Join/1")
        .forEach(
            part ->
                joined.append(
                    part.isTextual() ? part.asText() : "REF-" + part.get("Ref").asText()));
    return JSON.readTree(joined.toString());
  }

  private static Set<String> unitNames(JsonNode ignition) {
    Set<String> names = new TreeSet<>();
    ignition.at("/systemd/units").forEach(u -> names.add(u.get("name").asText()));
    return names;
  }

  private static String unit(JsonNode ignition, String name) {
    for (JsonNode u : ignition.at("/systemd/units")) {
      if (u.get("name").asText().equals(name)) {
        return u.get("contents").asText();
      }
    }
    throw new AssertionError("no unit " + name);
  }

  @Test
  void eachSyncedVolumeOpensItsOwnSyncthingPortWithinItsGroupOnly() throws Exception {
    ServiceSpec files = withVolumes(Models.service("files", "workers", 2, 8090), "/srv", "/data");
    ServiceSpec wiki = withVolumes(Models.service("wiki", "workers", 2, 8081), "/images");
    ServiceSpec ops = withVolumes(Models.service("ops", "main", 1, 7070), "/state");
    ClusterModel volumes =
        Models.model(List.of(Models.main(), Models.workers()), List.of(wiki, files, ops));
    Set<String> syncthing = new TreeSet<>();
    openings(template(volumes)).stream()
        .filter(o -> o.matches(".* (tcp|udp) 2\\d{4} from .*"))
        .forEach(syncthing::add);
    // files sorts before wiki: /srv, /data (declared order), then /images; main counts on its own.
    assertEquals(
        new TreeSet<>(
            List.of(
                "Workers tcp 22000 from Workers",
                "Workers tcp 22001 from Workers",
                "Workers tcp 22002 from Workers",
                "Main tcp 22000 from Main")),
        syncthing);
    assertEquals(
        List.of(8384, 8385),
        volumes.volumePortsOn(Models.workers()).stream()
            .filter(p -> p.service().name().equals("files"))
            .map(p -> p.gui())
            .toList());
  }

  @Test
  void openingsOfConsecutivePortsFromOneSourceAreOneRule() throws Exception {
    List<ServiceSpec> services = new ArrayList<>();
    for (int port : new int[] {9000, 9001, 9002, 9004}) {
      services.add(Models.service("api" + port, "workers", 1, port));
    }
    services.add(
        Models.uses(
            Models.service("client", "main", 1), "api9000", "api9001", "api9002", "api9004"));
    JsonNode resources =
        template(Models.model(List.of(Models.main(), Models.workers()), services)).get("Resources");
    List<String> fromMain = new ArrayList<>();
    resources
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith("WorkersFromMain")) {
                fromMain.add(
                    e.getKey()
                        + " "
                        + e.getValue().at("/Properties/FromPort").asInt()
                        + "-"
                        + e.getValue().at("/Properties/ToPort").asInt());
              }
            });
    assertEquals(
        List.of("WorkersFromMainTCP9000 9000-9002", "WorkersFromMainTCP9004 9004-9004"), fromMain);
    assertEquals(
        "api9000 port 9000 for client; api9001 port 9001 for client; api9002 port 9002 for client",
        resources.at("/WorkersFromMainTCP9000/Properties/Description").asText());
  }

  @Test
  void ruleDescriptionsFitWhatEc2Takes() throws Exception {
    List<ServiceSpec> services = new ArrayList<>();
    String[] used = new String[100];
    for (int i = 0; i < 100; i++) {
      used[i] = "api" + i;
      services.add(Models.service(used[i], "workers", 1, 9000 + i));
    }
    services.add(Models.uses(Models.service("client", "main", 1), used));
    services.add(
        Models.publicBecause(Models.service("door", "main", 1, 443), "the team's \"front\" door"));
    JsonNode resources =
        template(Models.model(List.of(Models.main(), Models.workers()), services)).get("Resources");
    String merged = resources.at("/WorkersFromMainTCP9000/Properties/Description").asText();
    assertTrue(merged.length() <= 255 && merged.endsWith(" more"), merged);
    assertTrue(merged.startsWith("api0 port 9000 for client; api1 port 9001 for client; "), merged);
    assertEquals(
        "door port 443: public because the teams front door",
        resources.at("/MainFromInternetTCP443/Properties/Description").asText());
  }

  private static ServiceSpec withVolumes(ServiceSpec s, String... paths) {
    return s.toBuilder()
        .volumes(
            java.util.Arrays.stream(paths)
                .map(p -> new VolumeSpec(p, VolumeSpec.SyncEngine.SYNCTHING, Origin.NONE))
                .toList())
        .build();
  }

  /**
   * Each port an ingress rule opens as "Target proto port from Source", Source a group, a parameter
   * or a CIDR: a rule over a range of ports gives one line per port.
   */
  private static Set<String> openings(JsonNode template) {
    Set<String> openings = new TreeSet<>();
    template
        .get("Resources")
        .forEach(
            r -> {
              if (r.get("Type").asText().equals("AWS::EC2::SecurityGroupIngress")) {
                JsonNode p = r.get("Properties");
                String target = p.at("/GroupId/Fn::GetAtt/0").asText().replace("SecurityGroup", "");
                String source =
                    p.has("SourceSecurityGroupId")
                        ? p.at("/SourceSecurityGroupId/Fn::GetAtt/0")
                            .asText()
                            .replace("SecurityGroup", "")
                        : p.get("CidrIp").has("Ref")
                            ? p.at("/CidrIp/Ref").asText()
                            : p.get("CidrIp").asText();
                for (int port = p.get("FromPort").asInt();
                    port <= p.get("ToPort").asInt();
                    port++) {
                  openings.add(
                      target + " " + p.get("IpProtocol").asText() + " " + port + " from " + source);
                }
              }
            });
    return openings;
  }
}
