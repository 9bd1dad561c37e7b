package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MAIN machines' etcd snapshots are taken on schedule: the generated {@code
 * etcd-snapshot.timer}'s OnCalendar, as systemd's own calendar parser ({@code systemd-analyze
 * calendar}) reads it, elapses every quarter hour, and the timer starts the snapshot service.
 */
class SnapshotTimerTest {
  private static final Path MAIN =
      Path.of("").toAbsolutePath().resolve("target/classes/cluster/team/nodes/main");

  @Test
  void theSnapshotTimerElapsesEveryQuarterHour() throws Exception {
    List<String> timer = Files.readAllLines(MAIN.resolve("etcd-snapshot.timer"));
    String onCalendar =
        timer.stream()
            .filter(l -> l.startsWith("OnCalendar="))
            .findFirst()
            .orElseThrow()
            .substring(11);
    assertEquals(
        List.of("Unit=etcd-snapshot.service"),
        timer.stream().filter(l -> l.startsWith("Unit=")).toList());

    ProcessBuilder builder =
        new ProcessBuilder(
                "systemd-analyze",
                "calendar",
                "--iterations=5",
                "--base-time=2026-11-29 08:07:00 UTC",
                onCalendar)
            .redirectErrorStream(true);
    builder.environment().put("TZ", "UTC");
    Process analyze = builder.start();
    String out = new String(analyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, analyze.waitFor(), out);
    List<String> elapses =
        out.lines()
            .filter(l -> l.contains("Next elapse:") || l.contains("Iter. #"))
            .map(l -> l.substring(l.indexOf(':') + 2).strip())
            .toList();
    assertEquals(
        List.of(
            "Sun 2026-11-29 08:15:00 UTC",
            "Sun 2026-11-29 08:30:00 UTC",
            "Sun 2026-11-29 08:45:00 UTC",
            "Sun 2026-11-29 09:00:00 UTC",
            "Sun 2026-11-29 09:15:00 UTC"),
        elapses,
        out);
  }
}
