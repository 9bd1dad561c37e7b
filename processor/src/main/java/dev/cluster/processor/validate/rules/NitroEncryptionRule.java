package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;
import java.util.Set;

/**
 * AWS Control Tower's proactive control CT.AUTOSCALING.PR.11 admits only Nitro instance types that
 * encrypt the traffic between instances in transit. The families below are those AWS lists as doing
 * so. A type outside them is a warning rather than an error: AWS adds families faster than this
 * list is updated, and an account without the control runs them fine; with the control on, the
 * stack would not deploy.
 */
public final class NitroEncryptionRule implements Rule {
  static final Set<String> ENCRYPTING_FAMILIES =
      Set.of(
          "c5a",
          "c5ad",
          "c5n",
          "c6a",
          "c6gn",
          "c6i",
          "c6id",
          "c6in",
          "c7a",
          "c7g",
          "c7gd",
          "c7gn",
          "c7i",
          "c7i-flex",
          "c8g",
          "d3",
          "d3en",
          "dl1",
          "dl2q",
          "f2",
          "g4ad",
          "g4dn",
          "g5",
          "g6",
          "g6e",
          "gr6",
          "hpc6a",
          "hpc6id",
          "hpc7a",
          "hpc7g",
          "i3en",
          "i4g",
          "i4i",
          "i7i",
          "i7ie",
          "i8g",
          "im4gn",
          "inf1",
          "inf2",
          "is4gen",
          "m5dn",
          "m5n",
          "m5zn",
          "m6a",
          "m6i",
          "m6id",
          "m6idn",
          "m6in",
          "m7a",
          "m7g",
          "m7gd",
          "m7i",
          "m7i-flex",
          "m8g",
          "p3dn",
          "p4d",
          "p4de",
          "p5",
          "r5dn",
          "r5n",
          "r6a",
          "r6i",
          "r6id",
          "r6idn",
          "r6in",
          "r7a",
          "r7g",
          "r7gd",
          "r7i",
          "r7iz",
          "r8g",
          "trn1",
          "trn1n",
          "trn2",
          "x2idn",
          "x2iedn",
          "x2iezn",
          "x8g");

  @Override
  public String tag() {
    return "nitro-encryption";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      List<String> types = group.instanceTypes();
      for (int i = 0; i < types.size(); i++) {
        String type = types.get(i);
        if (InstanceTypesRule.isWellFormed(type) && !encryptsInTransit(type)) {
          problems.warning(
              group.origin(),
              "instanceTypes[" + i + "]",
              "instanceTypes["
                  + i
                  + "] = \""
                  + type
                  + "\" is not a Nitro type that encrypts traffic between instances, which Control Tower's"
                  + " CT.AUTOSCALING.PR.11 requires; use e.g. m6i, m6a, m7i, c6i, r6i (docs/RULES.md lists them)");
        }
      }
    }
  }

  static boolean encryptsInTransit(String type) {
    String family = InstanceTypesRule.family(type);
    return ENCRYPTING_FAMILIES.contains(family) || family.startsWith("u-");
  }
}
