package dev.cluster.processor.model;

import java.util.List;

/**
 * How one service reaches one service it uses: an ambassador beside each of the user's replicas
 * listens on local ports, one per port of the used service, and forwards to the used service's
 * healthy instances (or to its leader only, see {@link ServiceSpec#leaderOnly()}).
 *
 * @param envPrefix what the app's variables start with: {@code DB} gives {@code DB_HOST} and {@code
 *     DB_PORT}
 */
public record AmbassadorSpec(
    ServiceSpec user, ServiceSpec used, String envPrefix, List<Listener> listeners) {
  public AmbassadorSpec {
    listeners = List.copyOf(listeners);
  }

  /**
   * One forwarded port: the app connects to {@code localPort}, the ambassador to the used service's
   * {@code target}.
   */
  public record Listener(PortSpec target, int localPort) {}

  /**
   * What names one listener's ambassador (its JSON file, HAProxy frontend and fleet unit): the used
   * service's name, with the target port's number appended when the used service has several client
   * ports (the runtime's ambassador listens on one port, so each port gets its own agent).
   */
  public String name(Listener listener) {
    return listeners.size() == 1 ? used.name() : used.name() + "-" + listener.target().number();
  }

  /** The listener the app's {@code <PREFIX>_PORT} names: the used service's first port. */
  public Listener primary() {
    return listeners.get(0);
  }
}
