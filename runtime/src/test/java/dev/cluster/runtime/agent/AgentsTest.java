package dev.cluster.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cluster.contract.agent.AgentCommand;
import dev.cluster.contract.agent.AgentCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentsTest {

  @Test
  void everyAgentOfTheContractHasABodyHereInItsOrder() {
    assertEquals(
        AgentCommands.ALL.stream().map(AgentCommand::name).toList(),
        Agents.ALL.stream().map(Agents.Agent::name).toList());
  }

  @Test
  void aRefusedCommandLineExitsWithTwoNamingTheAgentAndTheFlagBeforeAnythingRuns()
      throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          Agents.ALL
              .get(0)
              .run(
                  List.of(
                      "--etcd",
                      "http://127.0.0.1:1",
                      "--service",
                      "web",
                      "--instance",
                      "1",
                      "--host",
                      "127.0.0.1",
                      "--prot",
                      "main=80"));
    } finally {
      System.setErr(err);
    }
    assertEquals(2, exit);
    assertEquals(
        "the presence agent takes no option --prot (did you mean --port?); it takes: --etcd, --host, "
            + "--instance, --port, --public-host, --service, --ttl\n",
        captured.toString(StandardCharsets.UTF_8));
  }
}
