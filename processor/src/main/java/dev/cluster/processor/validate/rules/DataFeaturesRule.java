package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.validate.Rule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DATA machines run their services as plain systemd units on every machine, without fleet: what
 * needs fleet's pods cannot run there (they reach etcd only to announce their services). A database
 * annotation would make a fleet service on the group, {@code @Elected} would run one leader where
 * systemd runs the service on every machine, and a synced volume is a unit of a fleet pod. Using a
 * DATA service from a MAIN or WORKER service is fine. The derived database of such an app is not
 * checked again by the port rules.
 */
public final class DataFeaturesRule implements Rule {
  private static final Map<String, String> UNSUPPORTED = new LinkedHashMap<>();

  static {
    String database =
        "would be a fleet service on the DATA group, which runs no fleet; run the app on a"
            + " MAIN or WORKER group, or use the group's own engine with @DataEngine";
    UNSUPPORTED.put("Postgres", database);
    UNSUPPORTED.put("Redis", database);
    UNSUPPORTED.put("MariaDb", database);
    UNSUPPORTED.put(
        "Elected",
        "campaigns through etcd, but systemd runs a DATA service on every machine of"
            + " its group, never only on a leader; remove @Elected or run the service on a WORKER group");
  }

  @Override
  public String tag() {
    return "data-features";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() != ServiceKind.APP) {
        continue;
      }
      model
          .nodeGroup(service.runsOn())
          .filter(g -> g.role() == Role.DATA)
          .ifPresent(
              group -> {
                UNSUPPORTED.forEach(
                    (annotation, why) -> {
                      if (service.annotationOrigins().containsKey(annotation)) {
                        problems.error(
                            service.originOf(annotation),
                            "",
                            "@"
                                + annotation
                                + " on service "
                                + service.name()
                                + " of DATA node group "
                                + group.name()
                                + " "
                                + why);
                      }
                    });
                for (VolumeSpec volume : service.volumes()) {
                  problems.error(
                      volume.origin(),
                      "path",
                      "@BtsyncVolume(path = \""
                          + volume.path()
                          + "\") on service "
                          + service.name()
                          + " of DATA node group "
                          + group.name()
                          + " needs a fleet pod to run its sync"
                          + " unit; DATA services keep their data on each machine's disk and replicate it through their"
                          + " own engine: remove @BtsyncVolume");
                }
              });
    }
  }

  /**
   * A database derived for an app on a DATA group: [data-features] reports the annotation instead.
   */
  static boolean isDerivedOnData(ServiceSpec service, NodeGroupSpec group) {
    return service.kind() != ServiceKind.APP && group.role() == Role.DATA;
  }
}
