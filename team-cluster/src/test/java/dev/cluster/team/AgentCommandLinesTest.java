package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cluster.contract.agent.AgentCommand;
import dev.cluster.contract.agent.AgentCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every agent command line the processor wrote into the team cluster's units and boot units is one
 * the agent takes: parsed with the contract's definitions, which the agents parse with and the
 * processor renders with, and which refuse an option the agent does not know or a required one
 * missing. What the units' text does to a line (systemd's quoting, line continuations) is checked
 * here, past the renderer.
 */
class AgentCommandLinesTest {
  private static final Pattern AGENT_LINE =
      Pattern.compile("/agents:[0-9a-f]+ ([a-z-]+)( [^\n]*)?");
  private static final Set<String> EVERY_AGENT_THE_CLUSTER_RUNS =
      Set.of(
          "presence",
          "elect",
          "ambassador",
          "volume",
          "secrets-env",
          "config-get",
          "dns-updater",
          "accounts-sync");

  @Test
  void everyGeneratedAgentCommandLineParsesWithTheAgentsOwnOptions() throws IOException {
    Set<String> seen = new TreeSet<>();
    int lines = 0;
    try (Stream<Path> files = Files.walk(ProjectFiles.OUTPUTS)) {
      for (Path unit : files.filter(f -> f.toString().endsWith(".service")).sorted().toList()) {
        Matcher line = AGENT_LINE.matcher(Files.readString(unit).replace("\\\n", " "));
        while (line.find()) {
          String agent = line.group(1);
          AgentCommand<?> command =
              AgentCommands.named(agent)
                  .orElseGet(
                      () -> fail(unit + " runs an agent the runtime does not have: " + agent));
          List<String> args =
              line.group(2) == null
                  ? List.of()
                  : Arrays.stream(line.group(2).trim().split("\\s+")).toList();
          try {
            command.parse(args);
          } catch (IllegalArgumentException refused) {
            fail(
                unit.getFileName()
                    + ": the "
                    + agent
                    + " agent refuses its command line: "
                    + refused.getMessage());
          }
          seen.add(agent);
          lines++;
        }
      }
    }
    assertEquals(
        EVERY_AGENT_THE_CLUSTER_RUNS, seen, "the team cluster runs every agent at least once");
    assertTrue(
        lines > 50, "only " + lines + " agent command lines found in " + ProjectFiles.OUTPUTS);
  }
}
