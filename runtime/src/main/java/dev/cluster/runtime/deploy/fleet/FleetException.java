package dev.cluster.runtime.deploy.fleet;

/** fleet answered a request with an error; the message is fleet's own when it sent one. */
public final class FleetException extends RuntimeException {
    private final int status;

    public FleetException(String request, int status, String fleetMessage) {
        super("fleet refused " + request + ": " + fleetMessage + " (HTTP " + status + ")");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
