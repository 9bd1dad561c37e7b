package dev.cluster.runtime.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {
    @Test
    void optionsMayStandBeforeAndAfterTheCommand() {
        Invocation invocation = ArgumentParser.parse(new String[] {
                "--region", "us-east-1", "units", "start", "gerrit", "--fleet-url=http://x:49153", "dns"});

        assertEquals("units start", invocation.command().orElseThrow().words());
        assertEquals(List.of("gerrit", "dns"), invocation.operands());
        assertEquals("us-east-1", invocation.value(Option.REGION).orElseThrow());
        assertEquals("http://x:49153", invocation.value(Option.FLEET_URL).orElseThrow());
    }

    @Test
    void repeatableParamsAreKeptInOrder() {
        Invocation invocation = ArgumentParser.parse(new String[] {"plan", "--param", "A=1", "--param", "B=2"});

        assertEquals(List.of("A=1", "B=2"), invocation.values(Option.PARAM));
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"launch"}));
        assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"units"}));
        assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"describe", "--yes"}));
        assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"status", "--region"}));
        assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"plan", "extra"}));
        assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"describe", "--region", "a", "--region", "b"}));
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        CliRun run = CliRun.run(TestClusters.team(), "--help");

        assertEquals(0, run.exitCode());
        for (CommandSpec command : CommandSpec.ALL) {
            assertTrue(run.out().contains(command.usage()), command.words());
        }
    }

    @Test
    void usageErrorExitsTwoWithOneMessageOnStderr() {
        CliRun run = CliRun.run(TestClusters.team(), "units", "launch");

        assertEquals(2, run.exitCode());
        assertEquals("error: unknown units command 'launch': one of submit, start, stop, destroy\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMistypedCommandOrOptionNamesTheOneMeant() {
        assertEquals("unknown command 'deplyo' (did you mean deploy?) (see --help for the commands)",
                assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"deplyo"})).getMessage());
        assertEquals("unknown units command 'strat' (did you mean start?): one of submit, start, stop, destroy",
                assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"units", "strat"})).getMessage());
        assertEquals("unknown option --regoin (did you mean --region?) (see --help)",
                assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"status", "--regoin", "x"}))
                        .getMessage());
        assertEquals("unknown command 'frobnicate' (see --help for the commands)",
                assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"frobnicate"})).getMessage());
    }
}
