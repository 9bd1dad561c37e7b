package dev.cluster.containers;

import dev.cluster.runtime.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The runtime's ambassador agent in front of a {@link PatroniMembers} cluster, configured as the
 * processor configures a Postgres user's ambassador: it follows Patroni's leader key through an
 * etcd watch, and checks {@code /primary} on Patroni's REST port every second.
 */
final class PatroniAmbassador {
  private PatroniAmbassador() {}

  /**
   * Starts the agent (killed with {@code processes}) and returns the port it listens on, on
   * 127.0.0.1.
   */
  static int start(Processes processes, String etcdEndpoints, PatroniMembers members, Path work) {
    int port = Wait.freePort();
    Path config = work.resolve("ambassador.json");
    try {
      Files.writeString(
          config,
          """
          {"name": "postgres", "listenAddress": "127.0.0.1", "listenPort": %d, "mode": "leader",
           "target": {"kind": "patroni", "scope": "%s", "namespace": "%s"},
           "healthCheck": {"kind": "http", "path": "/primary", "port": %d, "intervalMs": 1000},
           "maxServers": 2}"""
              .formatted(port, PatroniMembers.SCOPE, PatroniMembers.NAMESPACE, members.apiPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    processes.startAgent(
        List.of(
            "ambassador",
            "--etcd",
            etcdEndpoints,
            "--config",
            config.toString(),
            "--run-dir",
            work.resolve("ambassador").toString()),
        work.resolve("ambassador.log"));
    return port;
  }
}
