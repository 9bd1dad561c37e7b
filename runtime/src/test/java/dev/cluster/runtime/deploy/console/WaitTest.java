package dev.cluster.runtime.deploy.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Wait start(boolean interactive) {
    return new Wait(
        new PrintStream(err, true, StandardCharsets.UTF_8),
        interactive,
        Duration.ofMillis(10),
        "Updating stack team",
        "the update goes on in AWS");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void staysQuietDuringTheFirstSecond() {
    try (Wait wait = start(true)) {
      wait.status("UPDATE_IN_PROGRESS");
      wait.pause();
    }
    assertEquals("", err());
  }

  @Test
  void drawsASpinnerLineWithStatusAndElapsedTimeOnATerminalAndClearsIt() throws Exception {
    try (Wait wait = start(true)) {
      wait.status("UPDATE_IN_PROGRESS");
      Thread.sleep(1_300);
      wait.event("an event");
    }
    String text = err();
    assertTrue(text.contains(" Updating stack team - UPDATE_IN_PROGRESS  1s"), text);
    assertTrue(text.contains("\r\033[K  an event\n"), text);
    assertTrue(text.endsWith("\r\033[K"), text);
  }

  @Test
  void printsTheStatusOnceTheWaitLastsASecondAndThenEachChangeElsewhere() throws Exception {
    try (Wait wait = start(false)) {
      wait.status("UPDATE_IN_PROGRESS");
      Thread.sleep(1_050);
      wait.status("UPDATE_IN_PROGRESS");
      wait.status("UPDATE_IN_PROGRESS");
      wait.status("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    }
    assertEquals(
        """
                  Updating stack team: UPDATE_IN_PROGRESS (1s)
                  Updating stack team: UPDATE_COMPLETE_CLEANUP_IN_PROGRESS (1s)
                """,
        err());
  }

  @Test
  void anInterruptEndsTheWaitWithExitCode130AndSaysWhatGoesOn() {
    DeployException stopped;
    try (Wait wait = start(false)) {
      Thread.currentThread().interrupt();
      stopped = org.junit.jupiter.api.Assertions.assertThrows(DeployException.class, wait::pause);
    } finally {
      Thread.interrupted();
    }
    assertEquals(ExitCode.INTERRUPTED, stopped.exitCode());
    assertEquals(
        "interrupted after 0s while updating stack team; the update goes on in AWS",
        stopped.getMessage());
  }
}
