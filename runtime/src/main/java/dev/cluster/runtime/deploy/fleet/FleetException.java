package dev.cluster.runtime.deploy.fleet;

/** fleet answered a request with an error; the message is fleet's own when it sent one. */
public final class FleetException extends RuntimeException {
  private final int status;
  private final String fleetMessage;

  public FleetException(String request, int status, String fleetMessage) {
    super("fleet refused " + request + ": " + fleetMessage + " (HTTP " + status + ")");
    this.status = status;
    this.fleetMessage = fleetMessage;
  }

  public int status() {
    return status;
  }

  /** What fleet said, without the request. */
  public String fleetMessage() {
    return fleetMessage;
  }
}
