package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.Wait;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code ssh -N -L} port forwards to fleet's API on a main node, as fleetctl's {@code --tunnel}
 * does (the cluster's user data binds fleet's API to 127.0.0.1:{@value #FLEET_API_PORT} there), and
 * to that node's etcd client port {@value #ETCD_CLIENT_PORT}, for the config files.
 */
public final class SshTunnel implements AutoCloseable {
  /** The port fleet's API listens on, on every node's loopback interface. */
  public static final int FLEET_API_PORT = 49153;

  /** etcd's client port (its v3 gRPC API), on every node's loopback interface. */
  public static final int ETCD_CLIENT_PORT = 2379;

  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(20);

  private final Process ssh;
  private final int localPort;
  private final int localEtcdPort;

  private SshTunnel(Process ssh, int localPort, int localEtcdPort) {
    this.ssh = ssh;
    this.localPort = localPort;
    this.localEtcdPort = localEtcdPort;
  }

  /**
   * The ssh command line; BatchMode so that a missing key fails instead of prompting under the
   * spinner.
   */
  static List<String> command(int localPort, int localEtcdPort, String target) {
    return List.of(
        "ssh",
        "-N",
        "-o",
        "ExitOnForwardFailure=yes",
        "-o",
        "BatchMode=yes",
        "-L",
        localPort + ":127.0.0.1:" + FLEET_API_PORT,
        "-L",
        localEtcdPort + ":127.0.0.1:" + ETCD_CLIENT_PORT,
        target);
  }

  public static SshTunnel open(String target, Console console) {
    if (!target.matches("[A-Za-z0-9._-]+@[A-Za-z0-9.:_-]+|[A-Za-z0-9.:_-]+")) {
      throw new DeployException("--tunnel expects USER@HOST, got '" + target + "'");
    }
    int localPort = freeLocalPort();
    int localEtcdPort = freeLocalPort();
    Process ssh;
    try {
      ssh =
          new ProcessBuilder(command(localPort, localEtcdPort, target))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new DeployException("cannot run ssh for --tunnel: " + e.getMessage());
    }
    SshTunnel tunnel = new SshTunnel(ssh, localPort, localEtcdPort);
    try (Wait wait = console.startWait("Opening ssh tunnel to " + target, "nothing was changed")) {
      while (!tunnel.accepting()) {
        if (!ssh.isAlive()) {
          throw new DeployException("ssh tunnel to " + target + " failed: " + stderrOf(ssh));
        }
        if (wait.elapsed().compareTo(OPEN_TIMEOUT) > 0) {
          throw new DeployException(
              "ssh tunnel to " + target + " did not open within " + OPEN_TIMEOUT.toSeconds() + "s");
        }
        wait.pause();
      }
    } catch (RuntimeException e) {
      tunnel.close();
      throw e;
    }
    return tunnel;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + localPort);
  }

  /** The local end of the forward to the node's etcd client port. */
  public URI etcdEndpoint() {
    return URI.create("http://127.0.0.1:" + localEtcdPort);
  }

  @Override
  public void close() {
    ssh.destroy();
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", localPort), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freeLocalPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new DeployException(
          "cannot find a free local port for the ssh tunnel: " + e.getMessage());
    }
  }

  private static String stderrOf(Process ssh) {
    try {
      String text = new String(ssh.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "ssh exited with " + ssh.exitValue() : text;
    } catch (IOException e) {
      return "ssh exited with " + ssh.exitValue();
    }
  }
}
