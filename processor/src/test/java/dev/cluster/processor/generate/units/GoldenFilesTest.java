package dev.cluster.processor.generate.units;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cluster.processor.generate.GeneratedFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** A golden mismatch says which files differ, where, and how to accept the change. */
class GoldenFilesTest {
  @Test
  void aMismatchNamesTheFileTheLineAndTheUpdateCommand() {
    // In update mode assertMatch would write this fake output over the real golden files.
    assumeFalse(Boolean.getBoolean(GoldenFiles.UPDATE_PROPERTY));
    List<GeneratedFile> files =
        List.of(
            GeneratedFile.text(
                "cluster/demo/units/web-pod@.service", "[Unit]\nDescription=changed\n"));
    AssertionFailedError failure =
        assertThrows(
            AssertionFailedError.class,
            () -> GoldenFiles.assertMatch("units-and-configs", "cluster/demo/", files));
    String message = failure.getMessage();
    assertTrue(
        message.contains(
            "~ units/web-pod@.service:\n    line 2\n      golden:    Description=Pod %i of web"),
        message);
    assertTrue(message.contains("      generated: Description=changed"), message);
    assertTrue(
        message.contains("- units/web@.service: golden file, but no longer generated"), message);
    assertTrue(message.contains("-Dtest=GoldenFilesTest -Dgolden.update=true"), message);
  }
}
