package dev.cluster.runtime.deploy.console;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Why a connection to one of the cluster's servers failed, in words a user can act on. Java's HTTP
 * client often gives no message (a refused connection is a ConnectException whose message is null)
 * and wraps a name that does not resolve in a ConnectException too, so the cause chain is read,
 * never printed as "null".
 */
public final class ConnectionFailure {
  private ConnectionFailure() {}

  public static String describe(IOException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
        return "host name not found";
      }
    }
    if (failure instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (failure instanceof HttpTimeoutException || failure instanceof SocketTimeoutException) {
      return "no answer in time";
    }
    if (failure instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
  }
}
