package dev.cluster.runtime.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    private static final OptionSpec ELECT_LIKE = OptionSpec.valued("name", "port", "ttl");

    @Test
    void repeatedOptionsAndTheWrappedCommandAreKept() {
        Options options = Options.parse(List.of("--name", "redis", "--port", "main=6379", "--port", "bus=16379",
                "--", "redis-server", "--port", "6379", "--unknown-to-the-agent"), ELECT_LIKE);
        assertEquals("redis", options.required("name"));
        assertEquals(List.of("main=6379", "bus=16379"), options.all("port"));
        assertEquals(List.of("redis-server", "--port", "6379", "--unknown-to-the-agent"), options.command());
        assertEquals("5", options.get("ttl", "5"));
    }

    @Test
    void aMissingValueOrOptionIsReported() {
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--name"), ELECT_LIKE));
        assertEquals("--name needs a value", noValue.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("redis"), ELECT_LIKE));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of(), ELECT_LIKE).required("name"));
        assertEquals("missing --name", missing.getMessage());
    }

    @Test
    void anOptionTheAgentDoesNotTakeIsRefusedWithTheClosestOne() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--name", "redis", "--prot", "main=6379"), ELECT_LIKE));
        assertEquals("unknown option --prot (did you mean --port?); known: --name, --port, --ttl", typo.getMessage());
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--docker-socket", "/x"), ELECT_LIKE));
        assertEquals("unknown option --docker-socket; known: --name, --port, --ttl", foreign.getMessage());
    }

    @Test
    void operandsAreKeptOnlyWhenTheAgentTakesThem() {
        OptionSpec secretsEnv = OptionSpec.valued("region", "out").withOperands();
        Options options = Options.parse(List.of("--region", "eu-west-1", "A=team/a", "--out", "f", "B=team/b"), secretsEnv);
        assertEquals(List.of("A=team/a", "B=team/b"), options.operands());
        assertEquals("f", options.required("out"));
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--out", "f", "A=team/a"), OptionSpec.valued("out")));
    }

    @Test
    void aFlagTakesNoValueOnlyWhenTheAgentDeclaresIt() {
        OptionSpec accountsSync = OptionSpec.valued("group", "root").withFlags("dry-run");
        Options options = Options.parse(List.of("--group", "admins", "--dry-run", "--root", "/srv"), accountsSync);
        assertTrue(options.flag("dry-run"));
        assertEquals("/srv", options.required("root"));
        assertFalse(Options.parse(List.of("--root", "/"), accountsSync).flag("dry-run"));
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--dry-run", "--root", "/"), OptionSpec.valued("root")));
    }

    @Test
    void everyAgentIsListedOnceAndFoundByName() {
        assertEquals(Agents.ALL.size(), Agents.ALL.stream().map(Agents.Agent::name).distinct().count());
        assertTrue(Agents.optionsOf("presence").orElseThrow().valued().contains("ttl"));
        assertTrue(Agents.optionsOf("presense").isEmpty());
    }
}
