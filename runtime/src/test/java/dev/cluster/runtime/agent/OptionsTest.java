package dev.cluster.runtime.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptionsTest {

    @Test
    void repeatedOptionsAndTheWrappedCommandAreKept() {
        Options options = Options.parse(List.of("--name", "redis", "--port", "main=6379", "--port", "bus=16379",
                "--", "redis-server", "--port", "6379"));
        assertEquals("redis", options.required("name"));
        assertEquals(List.of("main=6379", "bus=16379"), options.all("port"));
        assertEquals(List.of("redis-server", "--port", "6379"), options.command());
        assertEquals("5", options.get("ttl", "5"));
    }

    @Test
    void aMissingValueOrOptionIsReported() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--name")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("redis")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of()).required("etcd"));
        assertEquals("missing --etcd", missing.getMessage());
    }

    @Test
    void operandsAreKeptOnlyWhenTheAgentTakesThem() {
        Options options = Options.parseWithOperands(List.of("--region", "eu-west-1", "A=team/a", "--out", "f", "B=team/b"));
        assertEquals(List.of("A=team/a", "B=team/b"), options.operands());
        assertEquals("f", options.required("out"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--out", "f", "A=team/a")));
    }

    @Test
    void aFlagTakesNoValueOnlyWhenTheAgentDeclaresIt() {
        Options options = Options.parseWithFlags(List.of("--group", "admins", "--dry-run", "--root", "/srv"),
                java.util.Set.of("dry-run"));
        assertEquals(true, options.flag("dry-run"));
        assertEquals("/srv", options.required("root"));
        assertEquals(false, Options.parseWithFlags(List.of("--root", "/"), java.util.Set.of("dry-run")).flag("dry-run"));
        assertEquals("--root", Options.parse(List.of("--dry-run", "--root")).required("dry-run"));
    }
}
