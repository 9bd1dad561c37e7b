package dev.cluster.runtime.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.DeployCommands;
import dev.cluster.runtime.deploy.TestClusters;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {
  private static final ArgumentParser PARSER = new ArgumentParser(DeployCommands.ALL);

  @Test
  void optionsMayStandBeforeAndAfterTheCommand() {
    Invocation invocation =
        PARSER.parse(
            new String[] {
              "--region",
              "us-east-1",
              "units",
              "start",
              "gerrit",
              "--fleet-url=http://x:49153",
              "dns"
            });

    assertEquals("units start", invocation.command().orElseThrow().words());
    assertEquals(List.of("gerrit", "dns"), invocation.operands());
    assertEquals("us-east-1", invocation.value(Option.REGION).orElseThrow());
    assertEquals("http://x:49153", invocation.value(Option.FLEET_URL).orElseThrow());
  }

  @Test
  void repeatableParamsAreKeptInOrder() {
    Invocation invocation = PARSER.parse(new String[] {"plan", "--param", "A=1", "--param", "B=2"});

    assertEquals(List.of("A=1", "B=2"), invocation.values(Option.PARAM));
  }

  @Test
  void badCommandLinesAreUsageErrors() {
    assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"launch"}));
    assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"units"}));
    assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"describe", "--yes"}));
    assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"status", "--region"}));
    assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"plan", "extra"}));
    assertThrows(
        UsageException.class,
        () -> PARSER.parse(new String[] {"describe", "--region", "a", "--region", "b"}));
  }

  @Test
  void helpListsEveryCommandAndExitsZero() {
    CliRun run = CliRun.run(TestClusters.team(), "--help");

    assertEquals(0, run.exitCode());
    for (CommandSpec command : DeployCommands.ALL) {
      assertTrue(run.out().contains(command.usage()), command.words());
    }
  }

  @Test
  void usageErrorExitsTwoWithOneMessageOnStderr() {
    CliRun run = CliRun.run(TestClusters.team(), "units", "launch");

    assertEquals(2, run.exitCode());
    assertEquals(
        "error: unknown units command 'launch': one of submit, start, stop, destroy\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void aMistypedCommandOrOptionNamesTheOneMeant() {
    assertEquals(
        "unknown command 'deplyo' (did you mean deploy?) (see --help for the commands)",
        assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"deplyo"}))
            .getMessage());
    assertEquals(
        "unknown units command 'strat' (did you mean start?): one of submit, start, stop, destroy",
        assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"units", "strat"}))
            .getMessage());
    assertEquals(
        "unknown option --regoin (did you mean --region?) (see --help)",
        assertThrows(
                UsageException.class, () -> PARSER.parse(new String[] {"status", "--regoin", "x"}))
            .getMessage());
    assertEquals(
        "unknown command 'frobnicate' (see --help for the commands)",
        assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"frobnicate"}))
            .getMessage());
  }

  @Test
  void eachDeclaredCommandParsesToItsOwnDeclarationAndHasItsOwnHelp() {
    for (CommandSpec command : DeployCommands.ALL) {
      String[] words = command.path().toArray(String[]::new);
      assertEquals(command, PARSER.parse(words).command().orElseThrow());

      CliRun help = CliRun.run(TestClusters.team(), concat(words, "--help"));
      assertEquals(0, help.exitCode(), help.toString());
      assertTrue(
          help.out().startsWith("Usage: " + command.usage() + " [options]\n\n" + command.summary()),
          help.out());
      for (Option option : Option.values()) {
        assertEquals(
            command.options().contains(option),
            help.out().contains("\n  " + option.synopsis() + " "),
            command.words() + " " + option.flag());
      }
      assertEquals(help, CliRun.run(TestClusters.team(), concat(new String[] {"help"}, words)));
    }
  }

  @Test
  void aCommandRunsTheHandlerDeclaredWithIt() {
    CommandSpec answer =
        CommandSpec.of("ask answer", "[WHO...]", "answers", request -> 42, Option.YES);
    ArgumentParser parser =
        new ArgumentParser(
            List.of(answer, CommandSpec.of("ask nobody", "", "does not", request -> 1)));

    Invocation invocation = parser.parse(new String[] {"ask", "answer", "--yes", "me"});

    assertEquals(42, invocation.command().orElseThrow().handler().run(null));
    assertEquals(List.of("me"), invocation.operands());
    assertEquals(
        "unknown ask command 'answr' (did you mean answer?): one of answer, nobody",
        assertThrows(UsageException.class, () -> parser.parse(new String[] {"ask", "answr"}))
            .getMessage());
  }

  @Test
  void optionsMayStandBeforeTheCommandWordsButOnlyTheCommandsOwnAreTaken() {
    assertTrue(PARSER.parse(new String[] {"--yes", "destroy"}).has(Option.YES));
    assertEquals(
        "x",
        PARSER
            .parse(new String[] {"units", "--fleet-url", "x", "start"})
            .value(Option.FLEET_URL)
            .orElseThrow());
    assertEquals(
        "describe does not take --yes",
        assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"--yes", "describe"}))
            .getMessage());
    assertEquals(
        "--region given more than once",
        assertThrows(
                UsageException.class,
                () -> PARSER.parse(new String[] {"--region", "a", "describe", "--region", "b"}))
            .getMessage());
  }

  @Test
  void eachMistakeIsNamed() {
    assertEquals(
        "--region needs a value: --region REGION",
        assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"status", "--region"}))
            .getMessage());
    assertEquals(
        "plan takes no arguments, got: extra",
        assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"plan", "extra"}))
            .getMessage());
    assertEquals(
        "units needs a command: one of submit, start, stop, destroy",
        assertThrows(UsageException.class, () -> PARSER.parse(new String[] {"units"}))
            .getMessage());
    assertEquals(
        "unknown option --skip-unit (did you mean --skip-units?) (see --help)",
        assertThrows(
                UsageException.class, () -> PARSER.parse(new String[] {"deploy", "--skip-unit"}))
            .getMessage());
  }

  @Test
  void doubleDashEndsTheOptionsAndAtSignsAreNoArgumentFiles() {
    assertEquals(
        List.of("--odd", "@file"),
        PARSER.parse(new String[] {"units", "stop", "--", "--odd", "@file"}).operands());
  }

  @Test
  void helpOfACommandGroupListsTheCommands() {
    CliRun help = CliRun.run(TestClusters.team(), "help", "units");

    assertEquals(0, help.exitCode(), help.toString());
    assertTrue(help.out().contains("units start [SERVICE...]"), help.out());
  }

  private static String[] concat(String[] first, String... second) {
    return java.util.stream.Stream.concat(
            java.util.Arrays.stream(first), java.util.Arrays.stream(second))
        .toArray(String[]::new);
  }
}
