package dev.cluster.processor.model;

/** A {@code @Port}; {@code openToParameter} is empty when the port is open to the cluster only. */
public record PortSpec(
    int number, String name, String protocol, String openToParameter, Origin origin) {
  public PortSpec(int number, String name) {
    this(number, name, "tcp", "", Origin.NONE);
  }
}
