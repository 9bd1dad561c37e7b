package dev.cluster.processor.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.processor.generate.template.UserDataLimit;
import java.util.List;

/**
 * Prints each launch template's user data as measured (raw, base64, margin) and checks it leaves
 * room.
 */
public final class UserDataRoom {
  private UserDataRoom() {}

  /** At most a quarter of EC2's limit each, so that more boot files still fit. */
  public static void assertRoomAndPrint(String cluster, List<UserDataLimit.Measured> measured) {
    System.out.printf(
        "%-24s %10s %12s %8s%n",
        "launch template (" + cluster + ")", "raw bytes", "base64 bytes", "margin");
    for (UserDataLimit.Measured userData : measured) {
      System.out.printf(
          "%-24s %10d %12d %8d%n",
          userData.launchTemplate(),
          userData.rawBytes(),
          userData.base64Bytes(),
          userData.margin());
      assertTrue(
          userData.rawBytes() <= UserDataLimit.MAX_RAW_BYTES / 4,
          userData.launchTemplate()
              + " leaves less than three quarters of EC2's limit free: "
              + userData.rawBytes()
              + " bytes");
    }
  }
}
