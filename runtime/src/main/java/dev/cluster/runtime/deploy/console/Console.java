package dev.cluster.runtime.deploy.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The user's terminal: results go to standard output (text or JSON), narration, progress and errors
 * to standard error, so that {@code --output json} stays parseable.
 */
public final class Console {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final boolean interactive;
  private final OutputFormat format;
  private final Duration pollInterval;
  private BufferedReader lines;

  public Console(
      PrintStream out,
      PrintStream err,
      InputStream in,
      boolean interactive,
      OutputFormat format,
      Duration pollInterval) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.interactive = interactive;
    this.format = format;
    this.pollInterval = pollInterval;
  }

  /** Whether the user is at a terminal, who can be asked and answer. */
  public boolean interactive() {
    return interactive;
  }

  /** A line of narration on standard error. */
  public void info(String line) {
    err.println(line);
  }

  public void result(Report report) {
    if (format == OutputFormat.JSON) {
      out.println(toJson(report));
    } else {
      out.print(report.text());
      out.flush();
    }
  }

  public void error(String message) {
    err.println("error: " + message);
    if (format == OutputFormat.JSON) {
      out.println(toJson(Map.of("error", message)));
    }
  }

  /**
   * A failure after a result was already printed: stderr only, so that JSON output stays one
   * document.
   */
  public void problem(String message) {
    err.println("error: " + message);
  }

  public void plain(String text) {
    out.print(text);
    out.flush();
  }

  /**
   * Starts showing progress for a wait; {@code leftRunning} says what goes on in AWS if the user
   * stops it.
   */
  public Wait startWait(String label, String leftRunning) {
    return new Wait(err, interactive, pollInterval, label, leftRunning);
  }

  /**
   * Until closed, an interrupt (Ctrl-C, SIGTERM) runs {@code restore} and says {@code restored}; if
   * that fails, it says how to do it by hand ({@code byHand}).
   */
  public CtrlC restoreOnInterrupt(String restored, Runnable restore, String byHand) {
    return CtrlC.whileWaiting(
        () -> {
          try {
            restore.run();
            err.println("interrupted: " + restored);
          } catch (RuntimeException e) {
            err.println(
                "interrupted, and could not put back what was stopped ("
                    + e.getMessage()
                    + "): "
                    + byHand);
          }
          err.flush();
        });
  }

  /** Reads one line of standard input after showing {@code prompt}; null at end of input. */
  public String readLine(String prompt) {
    err.print(prompt);
    err.flush();
    try {
      return reader().readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a secret value: without echo from a terminal, else all of standard input less one
   * trailing newline (which {@code echo} adds and is never part of a password).
   */
  public String readSecret(String prompt) {
    java.io.Console terminal = System.console();
    if (interactive && terminal != null) {
      char[] value = terminal.readPassword("%s", prompt);
      return value == null ? "" : new String(value);
    }
    try {
      return withoutFinalNewline(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value as typed or saved by an editor: one final line break is not part of it. */
  public static String withoutFinalNewline(String value) {
    return value.endsWith("\r\n")
        ? value.substring(0, value.length() - 2)
        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }

  private BufferedReader reader() {
    if (lines == null) {
      lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write JSON of " + value.getClass().getSimpleName(), e);
    }
  }
}
