package dev.cluster.runtime.deploy.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Failures of Java's HTTP client as the deploy client meets them: a real refused connection (a
 * closed port on 127.0.0.1), and a name that does not resolve in the shape the client reports it (a
 * ConnectException around an UnresolvedAddressException; built here, since resolving a name would
 * ask this machine's DNS server).
 */
class ConnectionFailureTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

  private static IOException failureOf(String url) {
    return assertThrows(
        IOException.class,
        () ->
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()));
  }

  @Test
  void aClosedPortIsARefusedConnectionNotNull() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertEquals(
        "connection refused",
        ConnectionFailure.describe(failureOf("http://127.0.0.1:" + port + "/")));
  }

  @Test
  void aNameThatDoesNotResolveIsSaidSoNotRefused() {
    ConnectException unresolved = new ConnectException();
    unresolved.initCause(new UnresolvedAddressException());
    assertEquals("host name not found", ConnectionFailure.describe(unresolved));
  }
}
