package dev.cluster.processor.generate.config.frontdoor;

import java.util.List;

/**
 * How the front door's server blocks listen: TLS on 443 in the cluster; plain HTTP on a loopback
 * port in tests.
 */
public record Listen(String address, boolean tls) {
  public static final Listen CLUSTER = new Listen("443", true);

  public static Listen plain(String address) {
    return new Listen(address, false);
  }

  List<String> lines(boolean defaultServer) {
    String listen =
        "listen " + address + (tls ? " ssl" : "") + (defaultServer ? " default_server" : "") + ";";
    return tls
        ? List.of(
            listen,
            "ssl_certificate " + CERTIFICATE + ";",
            "ssl_certificate_key " + CERTIFICATE_KEY + ";")
        : List.of(listen);
  }

  /** The wildcard certificate of {@code *.<domain>}, mounted into the front door's container. */
  public static final String CERTIFICATE = "/etc/nginx/tls/fullchain.pem";

  public static final String CERTIFICATE_KEY = "/etc/nginx/tls/privkey.pem";
}
