package dev.cluster.containers;

import dev.cluster.runtime.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The standard set-up a team without this product runs, as Patroni's documentation shows it:
 * HAProxy listing every member and health-checking Patroni's {@code /primary}, cutting the sessions
 * of a server it marks down. With the fast check the issue measured ({@code inter 1s fall 2 rise
 * 1}); the timeouts are the documentation's.
 */
final class StandardHaproxy {
  private StandardHaproxy() {}

  static String config(int port, PatroniMembers members) {
    StringBuilder cfg =
        new StringBuilder(
            """
        global
            maxconn 100

        defaults
            mode tcp
            retries 2
            timeout client 30m
            timeout connect 4s
            timeout server 30m
            timeout check 5s

        listen postgres
            bind 127.0.0.1:%d
            option httpchk GET /primary
            http-check expect status 200
            default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
        """
                .formatted(port));
    for (String name : members.names()) {
      var member = members.member(name);
      cfg.append("    server ")
          .append(name)
          .append(' ')
          .append(member.postgresHost())
          .append(':')
          .append(member.postgresPort())
          .append(" maxconn 100 check port ")
          .append(members.apiPort())
          .append('\n');
    }
    return cfg.toString();
  }

  /** Starts HAProxy (killed with {@code processes}) and returns its port on 127.0.0.1. */
  static int start(Processes processes, PatroniMembers members, Path work) {
    int port = Wait.freePort();
    Path cfg = work.resolve("standard-haproxy.cfg");
    try {
      Files.writeString(cfg, config(port, members));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    processes.start(
        List.of("haproxy", "-db", "-f", cfg.toString()), work.resolve("standard-haproxy.log"));
    return port;
  }
}
