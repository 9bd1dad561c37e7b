package dev.cluster.runtime.ambassador;

import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.Ambassador;
import dev.cluster.runtime.agent.TiedChild;
import dev.cluster.runtime.etcd.Etcd;
import dev.cluster.runtime.etcd.EtcdEntry;
import dev.cluster.runtime.etcd.PrefixWatcher;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ambassador --etcd URLS --config FILE.json [--run-dir DIR] [--haproxy /usr/sbin/haproxy]}:
 * runs HAProxy with the base configuration of {@link AmbassadorConfig} and keeps its backend equal
 * to what etcd says, through the runtime API only. Exits non-zero when HAProxy exits.
 */
public final class AmbassadorAgent {

  private static final Duration SOCKET_READY_WITHIN = Duration.ofSeconds(10);

  public static int run(AgentArgs<Ambassador> options) throws Exception {
    AmbassadorConfig config = AmbassadorConfig.read(Path.of(options.required(Ambassador.CONFIG)));
    Path runDir =
        options.optional(Ambassador.RUN_DIR).isPresent()
            ? Files.createDirectories(Path.of(options.required(Ambassador.RUN_DIR)))
            : Files.createTempDirectory("ambassador-" + config.name());
    Path socket = runDir.resolve("admin.sock");
    Path cfg = runDir.resolve("haproxy.cfg");
    Files.deleteIfExists(socket);
    Files.writeString(cfg, HaproxyConfig.render(config, socket));

    TiedChild haproxyChild =
        TiedChild.start(
            List.of(options.get(Ambassador.HAPROXY, "haproxy"), "-db", "-f", cfg.toString()));
    Process haproxy = haproxyChild.process();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> haproxyChild.stop(Duration.ofSeconds(2))));
    HaproxyRuntimeApi api = new HaproxyRuntimeApi(socket);
    awaitSocket(api, haproxy);

    BackendSlots slots = new BackendSlots(config.name(), config.maxServers());
    try (Client client = Etcd.connect(options.required(Ambassador.ETCD));
        PrefixWatcher watcher =
            new PrefixWatcher(
                client, config.target().prefix(), entries -> apply(config, slots, api, entries))) {
      watcher.start();
      System.out.println(
          "ambassador "
              + config.name()
              + ": listening on "
              + config.listenAddress()
              + ":"
              + config.listenPort()
              + ", following "
              + config.target().prefix());
      int exit = haproxy.waitFor();
      System.err.println("ambassador " + config.name() + ": haproxy exited with " + exit);
      return exit == 0 ? 1 : exit;
    }
  }

  private static void apply(
      AmbassadorConfig config,
      BackendSlots slots,
      HaproxyRuntimeApi api,
      Collection<EtcdEntry> entries) {
    Set<Endpoint> desired = config.target().endpoints(entries);
    List<String> commands = slots.reconcile(desired);
    if (!commands.isEmpty()) {
      System.out.println("ambassador " + config.name() + ": backends now " + desired);
    }
    for (String command : commands) {
      try {
        api.execute(command);
      } catch (IOException e) {
        System.err.println("ambassador " + config.name() + ": " + e.getMessage());
      }
    }
  }

  private static void awaitSocket(HaproxyRuntimeApi api, Process haproxy) throws Exception {
    long deadline = System.nanoTime() + SOCKET_READY_WITHIN.toNanos();
    while (true) {
      try {
        api.execute("show info");
        return;
      } catch (IOException notYet) {
        if (!haproxy.isAlive() || System.nanoTime() > deadline) {
          haproxy.destroyForcibly();
          throw new IOException("HAProxy did not open its admin socket " + api.socket(), notYet);
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
  }

  private AmbassadorAgent() {}
}
