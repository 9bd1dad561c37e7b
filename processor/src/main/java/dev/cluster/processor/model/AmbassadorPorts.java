package dev.cluster.processor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local ports of a service's ambassadors. Every used service (in the order of {@code uses}, the
 * derived databases last, as the model lists them) gets the next port from {@link #FIRST}: the ambassador
 * listens there on the pod's loopback and forwards to the used service's first port; the app reads it as
 * {@code <USED_NAME>_PORT}. The pod's containers share one network namespace, so these ports must differ
 * from the app's own ports; counting up from a fixed base keeps them distinct from each other and keeps
 * the assignment a pure function of the declaration.
 */
public final class AmbassadorPorts {
  private AmbassadorPorts() {}

  /** The first ambassador's local port; the next used service gets the next port. */
  public static final int FIRST = 15000;

  /**
   * The prefix of the variables that tell the app where an ambassador listens ({@code <PREFIX>_HOST},
   * {@code <PREFIX>_PORT}): {@code DB}, {@code REDIS} and {@code MYSQL} for the derived databases, as their
   * annotations document, else the used service's name in upper snake case.
   */
  public static String variablePrefix(ServiceSpec used) {
    return switch (used.kind()) {
      case POSTGRES -> "DB";
      case REDIS -> "REDIS";
      case MARIADB -> "MYSQL";
      case APP -> Names.envName(used.name());
    };
  }

  /** Used service id to its ambassador's local port, for the used services that exist in the model. */
  public static Map<String, Integer> of(ClusterModel model, ServiceSpec service) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<ServiceSpec> used = model.used(service);
    for (int i = 0; i < used.size(); i++) {
      ports.put(used.get(i).id(), FIRST + i);
    }
    return ports;
  }
}
