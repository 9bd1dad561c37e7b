package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.validate.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The template makes one subnet per zone and spreads every group over all of them: three distinct
 * zones of the cluster's region survive the loss of one zone with etcd's quorum intact. A zone of
 * the region is the region's name followed by one letter. A malformed region is [region]'s to
 * report, so zones are then not compared with it.
 */
public final class ZonesRule implements Rule {
  static final int ZONES = 3;
  private static final Pattern ZONE_LETTER = Pattern.compile("[a-z]");

  @Override
  public String tag() {
    return "zones";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    ClusterSpec cluster = model.cluster();
    List<String> zones = cluster.zones();
    if (zones.size() != ZONES) {
      problems.error(
          cluster.origin(),
          "zones",
          "zones has "
              + zones.size()
              + " zone(s) but a cluster spans"
              + " exactly "
              + ZONES
              + " availability zones of its region, e.g. {\""
              + cluster.region()
              + "a\", \""
              + cluster.region()
              + "b\", \""
              + cluster.region()
              + "c\"}");
    }
    boolean regionKnown = RegionRule.isRegion(cluster.region());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < zones.size(); i++) {
      String zone = zones.get(i);
      if (regionKnown && !isZoneOf(zone, cluster.region())) {
        problems.error(
            cluster.origin(),
            "zones[" + i + "]",
            "zones["
                + i
                + "] = \""
                + zone
                + "\" is not a zone of region "
                + cluster.region()
                + ": its zones are named "
                + cluster.region()
                + " plus one letter, e.g. \""
                + cluster.region()
                + "a\"");
      } else if (!seen.add(zone)) {
        problems.error(
            cluster.origin(),
            "zones[" + i + "]",
            "zones["
                + i
                + "] = \""
                + zone
                + "\" is listed twice; the cluster needs "
                + ZONES
                + " distinct zones to survive the loss of one");
      }
    }
  }

  private static boolean isZoneOf(String zone, String region) {
    return zone.startsWith(region)
        && ZONE_LETTER.matcher(zone.substring(region.length())).matches();
  }
}
