package dev.cluster.runtime.deploy.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitFileParserTest {
  @Test
  void keepsOptionsInFileOrderWithRepeatsAndJoinsContinuedLines() {
    List<UnitOption> options =
        UnitFileParser.parse(
            "a.service",
            """
                # comment
                [Unit]
                Description=A
                After=x.service
                After=y.service

                [Service]
                ; another comment
                ExecStart=/bin/run \\
                    --flag
                """);

    assertEquals(
        List.of(
            new UnitOption("Unit", "Description", "A"),
            new UnitOption("Unit", "After", "x.service"),
            new UnitOption("Unit", "After", "y.service"),
            new UnitOption("Service", "ExecStart", "/bin/run --flag")),
        options);
  }

  @Test
  void rejectsOptionsOutsideSectionsAndLinesWithoutEquals() {
    assertThrows(
        IllegalArgumentException.class, () -> UnitFileParser.parse("a.service", "Description=A\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> UnitFileParser.parse("a.service", "[Unit]\nDescription\n"));
  }
}
