package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;

/** Port facts shared by the port rules. */
final class Ports {
  static final int MIN = 1;
  static final int MAX = 65535;

  private Ports() {}

  static boolean inRange(int number) {
    return number >= MIN && number <= MAX;
  }

  /** {@code 8080/tcp}. */
  static String key(PortSpec port) {
    return port.number() + "/" + port.protocol();
  }

  /** Whether {@code number} (0: the first port) names one of the service's ports. */
  static boolean refersToOwnPort(ServiceSpec service, int number) {
    return number == 0
        ? !service.ports().isEmpty()
        : service.ports().stream().anyMatch(p -> p.number() == number);
  }

  /**
   * A port attribute that refers to one of the service's ports: {@code port = 9090}, or what 0
   * stands for.
   */
  static String describeReference(int number) {
    return number == 0 ? "port = 0 means the first port" : "port = " + number;
  }

  /** The service's port numbers, for messages: {@code [8080, 29418]}. */
  static String numbers(ServiceSpec service) {
    return service.ports().stream().map(p -> String.valueOf(p.number())).toList().toString();
  }
}
