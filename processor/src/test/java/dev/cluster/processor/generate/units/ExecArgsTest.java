package dev.cluster.processor.generate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Model values reach the program unchanged: systemd would otherwise split, expand or unescape them.
 */
class ExecArgsTest {
  @Test
  void plainWordsStayAsTheyAre() {
    assertEquals("registry.example.com/web:1.0", ExecArgs.literal("registry.example.com/web:1.0"));
  }

  @Test
  void specifiersAndVariablesAreDoubled() {
    assertEquals("100%%", ExecArgs.literal("100%"));
    assertEquals("$$HOME", ExecArgs.literal("$HOME"));
  }

  @Test
  void spacesQuotesAndBackslashesAreQuoted() {
    assertEquals("\"-Xms1g -Xmx1g\"", ExecArgs.literal("-Xms1g -Xmx1g"));
    assertEquals("\"say \\\"hi\\\"\"", ExecArgs.literal("say \"hi\""));
    assertEquals("\"a\\\\b\"", ExecArgs.literal("a\\b"));
    assertEquals("\"\"", ExecArgs.literal(""));
  }
}
