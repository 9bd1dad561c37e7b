package dev.cluster.contract.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.agent.AgentCommands.AccountsSync;
import dev.cluster.contract.agent.AgentCommands.Ambassador;
import dev.cluster.contract.agent.AgentCommands.ConfigGet;
import dev.cluster.contract.agent.AgentCommands.DnsUpdater;
import dev.cluster.contract.agent.AgentCommands.Elect;
import dev.cluster.contract.agent.AgentCommands.Presence;
import dev.cluster.contract.agent.AgentCommands.SecretsEnv;
import dev.cluster.contract.agent.AgentCommands.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AgentCommandsTest {

  @Test
  void everyAgentsFullLineParsesBackToWhatWasRendered() {
    for (AgentCommand<?> agent : AgentCommands.ALL) {
      roundTrip(agent);
    }
    assertEquals(8, AgentCommands.ALL.stream().map(AgentCommand::name).distinct().count());
  }

  /**
   * Every flag with a value of its own (twice for a repeated one), plus the agent's operands or
   * command.
   */
  private static <A> void roundTrip(AgentCommand<A> agent) {
    CommandLine<A> line = agent.line();
    Map<Flag<A>, List<String>> expected = new LinkedHashMap<>();
    for (Flag<A> flag : agent.flags()) {
      switch (flag.kind()) {
        case VALUE -> expected.put(flag, List.of(flag.name() + "-value"));
        case REPEATED -> expected.put(flag, List.of(flag.name() + "=1", flag.name() + "=2"));
        case SWITCH -> expected.put(flag, List.of("true"));
      }
      if (flag.kind() == Flag.Kind.SWITCH) {
        line.with(flag);
      } else {
        line.withEach(flag, expected.get(flag));
      }
    }
    List<String> tail =
        switch (agent.tail()) {
          case NONE -> List.of();
          case OPERANDS -> List.of("A=team/a", "B=team/b");
          case COMMAND -> List.of("docker", "run", "--name", "app", "--", "x");
        };
    if (agent.tail() == AgentCommand.Tail.OPERANDS) {
      line.operands(tail);
    } else if (agent.tail() == AgentCommand.Tail.COMMAND) {
      line.command(tail);
    }
    List<String> rendered = line.render();
    assertEquals(agent.name(), rendered.get(0));

    AgentArgs<A> parsed = agent.parse(rendered.subList(1, rendered.size()));
    expected.forEach(
        (flag, values) -> assertEquals(values, parsed.all(flag), agent + " " + flag.option()));
    assertEquals(
        agent.tail() == AgentCommand.Tail.OPERANDS ? tail : List.of(),
        parsed.operands(),
        agent.name());
    assertEquals(
        agent.tail() == AgentCommand.Tail.COMMAND ? tail : List.of(),
        parsed.command(),
        agent.name());
  }

  @Test
  void aFlagTheAgentDoesNotTakeIsRefusedNamingTheFlagTheAgentAndTheClosestOne() {
    IllegalArgumentException typo =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Presence.COMMAND.parse(
                    List.of(
                        "--etcd",
                        "e",
                        "--service",
                        "s",
                        "--instance",
                        "1",
                        "--host",
                        "h",
                        "--prot",
                        "main=1")));
    assertEquals(
        "the presence agent takes no option --prot (did you mean --port?); it takes: --etcd, --host, "
            + "--instance, --port, --public-host, --service, --ttl",
        typo.getMessage());
    IllegalArgumentException foreign =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Ambassador.COMMAND.parse(
                    List.of("--etcd", "e", "--config", "c", "--docker-socket", "/x")));
    assertEquals(
        "the ambassador agent takes no option --docker-socket; it takes: --config, --etcd, --haproxy, "
            + "--run-dir",
        foreign.getMessage());
  }

  @Test
  void aMissingRequiredFlagOrValueIsRefusedNamingIt() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> Volume.COMMAND.parse(List.of("--etcd", "e", "--service", "s")));
    assertEquals(
        "the volume agent needs --path-id, --instance, --dir, --home, --listen, --gui",
        missing.getMessage());
    IllegalArgumentException noValue =
        assertThrows(
            IllegalArgumentException.class, () -> ConfigGet.COMMAND.parse(List.of("--etcd")));
    assertEquals("the config-get agent --etcd needs a value", noValue.getMessage());
    IllegalArgumentException unrendered =
        assertThrows(
            IllegalArgumentException.class,
            () -> DnsUpdater.COMMAND.line().with(DnsUpdater.ETCD, "e").render());
    assertEquals("the dns-updater agent needs --zone, --service", unrendered.getMessage());
  }

  @Test
  void aSingleValuedFlagIsRenderedOnceAndOverriddenByALaterOneAndARepeatedOneKeepsItsOrder() {
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ambassador.COMMAND.line().with(Ambassador.ETCD, "a").with(Ambassador.ETCD, "b"));
    assertEquals("the ambassador agent takes --etcd once", twice.getMessage());
    assertEquals(
        "b",
        Ambassador.COMMAND
            .parse(List.of("--etcd", "a", "--etcd", "b", "--config", "c"))
            .required(Ambassador.ETCD));
    AgentArgs<DnsUpdater> dns =
        DnsUpdater.COMMAND.parse(
            List.of(
                "--zone",
                "Z",
                "--name",
                "a.example",
                "--service",
                "front",
                "--name",
                "*.a.example",
                "--etcd",
                "e"));
    assertEquals(List.of("a.example", "*.a.example"), dns.all(DnsUpdater.NAME));
    assertEquals("2000", dns.get(DnsUpdater.DEBOUNCE_MS, "2000"));
  }

  @Test
  void bareWordsAndAWrappedCommandAreTakenOnlyByTheAgentsThatTakeThem() {
    assertEquals(
        "the config-get agent takes no bare word, got \"x\" (expected --option value)",
        assertThrows(
                IllegalArgumentException.class,
                () -> ConfigGet.COMMAND.parse(List.of("--etcd", "e", "x")))
            .getMessage());
    assertEquals(
        "the presence agent takes no command after --",
        assertThrows(
                IllegalArgumentException.class,
                () -> Presence.COMMAND.parse(List.of("--etcd", "e", "--", "x")))
            .getMessage());
    assertEquals(
        "the elect agent needs the command to run after --",
        assertThrows(
                IllegalArgumentException.class,
                () -> Elect.COMMAND.parse(List.of("--etcd", "e", "--name", "n")))
            .getMessage());
    AgentArgs<Elect> elect =
        Elect.COMMAND.parse(
            List.of(
                "--etcd",
                "e",
                "--name",
                "n",
                "--",
                "redis-server",
                "--port",
                "6379",
                "--unknown-to-the-agent"));
    assertEquals(
        List.of("redis-server", "--port", "6379", "--unknown-to-the-agent"), elect.command());
    AgentArgs<SecretsEnv> secrets =
        SecretsEnv.COMMAND.parse(List.of("--region", "r", "A=team/a", "--out", "f", "B=team/b"));
    assertEquals(List.of("A=team/a", "B=team/b"), secrets.operands());
  }

  @Test
  void aSwitchStandsAloneAndIsOffUnlessGiven() {
    List<String> base = List.of("--keycloak-url", "http://k", "--client-secret-file", "/s");
    List<String> dryRun = new ArrayList<>(base);
    dryRun.add(1, "--dry-run");
    assertThrows(IllegalArgumentException.class, () -> AccountsSync.COMMAND.parse(dryRun));
    dryRun.remove(1);
    dryRun.add(0, "--dry-run");
    assertTrue(AccountsSync.COMMAND.parse(dryRun).isSet(AccountsSync.DRY_RUN));
    assertEquals(false, AccountsSync.COMMAND.parse(base).isSet(AccountsSync.DRY_RUN));
  }

  @Test
  void aFlagOfAnotherAgentIsRefusedEvenUnderTheSameName() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    CommandLine<Presence> line = (CommandLine) Elect.COMMAND.line();
    assertEquals(
        "the elect agent has no --etcd of its own",
        assertThrows(IllegalArgumentException.class, () -> line.with(Presence.ETCD, "e"))
            .getMessage());
  }

  @Test
  void everyAgentIsFoundByItsName() {
    Set<String> names =
        AgentCommands.ALL.stream().map(AgentCommand::name).collect(Collectors.toSet());
    names.forEach(name -> assertEquals(name, AgentCommands.named(name).orElseThrow().name()));
    assertTrue(AgentCommands.named("presense").isEmpty());
  }
}
