package dev.cluster.apps.common.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequiredBinaryTest {
  @Test
  void aMissingProgramFailsTheTestNamingThePackageToInstall() {
    AssertionError missing =
        assertThrows(
            AssertionError.class,
            () -> RequiredBinary.find("no-such-program-here", "no-such-package"));
    assertTrue(
        missing.getMessage().contains("install the Debian package no-such-package"),
        missing.getMessage());
  }

  @Test
  void anInstalledProgramIsFoundOnThePath() {
    assertTrue(RequiredBinary.find("sh", "dash").toString().endsWith("/sh"));
  }
}
