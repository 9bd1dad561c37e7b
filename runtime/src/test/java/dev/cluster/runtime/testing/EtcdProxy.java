package dev.cluster.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The WORKER and DATA machines' local etcd proxy: a real HAProxy with the configuration the
 * machines' boot renders ({@code etcd-proxy-config}, run by {@link NodeScripts}), bound to a free
 * port on 127.0.0.1 instead of 2379 and spreading over the test's etcd members. Closing it kills
 * HAProxy.
 */
public final class EtcdProxy implements AutoCloseable {

  private final EtcdCluster etcd;
  private final int port;
  private final Processes processes = new Processes();
  private final Process haproxy;

  public EtcdProxy(EtcdCluster etcd, Path dir) {
    this(etcd, dir, bind -> render(etcd, bind));
  }

  /** A proxy with another configuration for a bind address: the benchmark's "before". */
  public EtcdProxy(EtcdCluster etcd, Path dir, Function<String, String> configForBind) {
    Binaries.require("haproxy", "haproxy");
    Binaries.require("ss", "iproute2");
    this.etcd = etcd;
    this.port = FreePorts.next();
    Path config = dir.resolve("etcd-proxy-" + port + ".cfg");
    write(config, configForBind.apply("127.0.0.1:" + port));
    haproxy =
        processes.start(
            List.of("haproxy", "-db", "-f", config.toString()),
            dir.resolve("etcd-proxy-" + port + ".log"));
    assertNotNull(
        Eventually.within(Duration.ofSeconds(20), this::accepts),
        "the etcd proxy did not start; see " + dir);
  }

  /**
   * What the machines' boot writes to /run/cluster/etcd-proxy.cfg, for these members and this bind
   * address.
   */
  public static String render(EtcdCluster etcd, String bind) {
    NodeScripts.Run run =
        NodeScripts.run("etcd-proxy-config", Map.of(), renderArguments(etcd, bind));
    assertEquals(0, run.exitCode(), run.output());
    return run.output();
  }

  /** The same, rendered by another version of the script (a benchmark's "before"). */
  public static String render(EtcdCluster etcd, String bind, Path script) {
    NodeScripts.Run run = NodeScripts.run(script, Map.of(), renderArguments(etcd, bind));
    assertEquals(0, run.exitCode(), run.output());
    return run.output();
  }

  private static String[] renderArguments(EtcdCluster etcd, String bind) {
    List<String> args = new ArrayList<>(List.of(bind));
    IntStream.range(0, etcd.size())
        .mapToObj(i -> etcd.name(i) + "=127.0.0.1:" + etcd.clientPort(i))
        .forEach(args::add);
    return args.toArray(String[]::new);
  }

  /** The agents' {@code --etcd}, as every generated unit on these machines gives it. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The member that holds every client session through this proxy now (the tests run one client per
   * proxy), seen on HAProxy's established connections; empty while none or several do. Health
   * checks are short connections of their own: sampled a few times, only a member connected in
   * every sample counts.
   */
  public OptionalInt memberCarryingTheSessions() {
    List<Integer> carrying = null;
    for (int sample = 0; sample < 3; sample++) {
      List<Integer> now = connectedMembers();
      if (carrying == null) {
        carrying = now;
      } else {
        carrying.retainAll(now);
      }
      sleep(Duration.ofMillis(150));
    }
    return carrying.size() == 1 ? OptionalInt.of(carrying.get(0)) : OptionalInt.empty();
  }

  private List<Integer> connectedMembers() {
    String sockets = run(List.of("ss", "-Htnp", "state", "established"));
    String owner = "pid=" + haproxy.pid() + ",";
    List<Integer> members = new ArrayList<>();
    for (int i = 0; i < etcd.size(); i++) {
      String peer = "127.0.0.1:" + etcd.clientPort(i) + " ";
      if (sockets.lines().anyMatch(l -> l.contains(owner) && l.contains(peer))) {
        members.add(i);
      }
    }
    return members;
  }

  private boolean accepts() {
    try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    processes.close();
  }
}
