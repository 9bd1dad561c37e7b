package dev.cluster.runtime.deploy.config;

import dev.cluster.runtime.deploy.console.ConnectionFailure;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.etcd.Etcd;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deploy client's way to etcd: jetcd, the agents' client, speaking the v3 gRPC API on a
 * member's client port, which {@code --etcd-url} names or {@code --tunnel} forwards (a plain TCP
 * forward, so gRPC passes through it). Every call waits a bounded time; a failure becomes one
 * {@link DeployException} naming etcd's URL and the key.
 */
public final class EtcdConnection implements AutoCloseable {
  /**
   * Long enough for a loaded member and a tunnel, short enough that a dead endpoint is reported
   * soon.
   */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /**
   * gRPC logs through java.util.logging, whose default handler writes INFO lines (Netty's transport
   * choice) to the client's standard error, between its own lines; the client reports every failure
   * itself. Held here because java.util.logging keeps only a weak reference to a logger, whose
   * level would go with it.
   */
  private static final Logger GRPC_LOG = quiet(Logger.getLogger("io.grpc"));

  private final URI endpoint;
  private final Client client;

  private EtcdConnection(URI endpoint, Client client) {
    this.endpoint = endpoint;
    this.client = client;
  }

  /** A client for {@code endpoint}; it connects on the first call. */
  public static EtcdConnection to(URI endpoint) {
    // Fail fast: a command line pointing at no etcd is reported at once, as "connection refused",
    // instead of waiting out the call's bound for a server that may come (what the agents want).
    return new EtcdConnection(
        endpoint, Etcd.builder(endpoint.toString()).waitForReady(false).build());
  }

  public URI endpoint() {
    return endpoint;
  }

  public void put(String key, byte[] value) {
    await(client.getKVClient().put(Etcd.bytes(key), ByteSequence.from(value)), "store " + key);
  }

  /** The value of {@code key}, if it has one. */
  public Optional<String> get(String key) {
    GetResponse answer = await(client.getKVClient().get(Etcd.bytes(key)), "read " + key);
    return answer.getKvs().stream().findFirst().map(kv -> Etcd.text(kv.getValue()));
  }

  private <T> T await(CompletableFuture<T> call, String what) {
    try {
      return call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while trying to " + what + " in etcd at " + endpoint);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new DeployException(
          "cannot reach etcd at "
              + endpoint
              + " to "
              + what
              + ": no answer within "
              + CALL_TIMEOUT.toSeconds()
              + " s");
    } catch (ExecutionException e) {
      throw new DeployException(failure(e.getCause(), what));
    }
  }

  /**
   * A connection that failed names why (the socket's cause); an answer from etcd is quoted as it
   * gave it.
   */
  private String failure(Throwable cause, String what) {
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        return "cannot reach etcd at "
            + endpoint
            + " to "
            + what
            + ": "
            + ConnectionFailure.describe(io);
      }
    }
    return "etcd at " + endpoint + " refused to " + what + ": " + cause.getMessage();
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.WARNING);
    return logger;
  }

  @Override
  public void close() {
    client.close();
  }
}
