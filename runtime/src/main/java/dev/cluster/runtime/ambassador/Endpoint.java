package dev.cluster.runtime.ambassador;

/** An address HAProxy can connect to. */
public record Endpoint(String host, int port) {

  public Endpoint {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
