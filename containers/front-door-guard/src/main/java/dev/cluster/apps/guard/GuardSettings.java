package dev.cluster.apps.guard;

import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.Settings;
import java.time.Duration;

/**
 * The guard's configuration, from the environment its image is given: where it listens (the app's
 * published port, on every address of the container), the port the app listens on at 127.0.0.1
 * (reached by the guard only), what passes without a sign-in, how long a connection may sit idle,
 * and the front door's proof as app-common checks it ({@link FrontDoorTrust#from}: {@code
 * FRONT_DOOR_VERIFY_KEY}, {@code FRONT_DOOR_AUDIENCE}, {@code FRONT_DOOR_GROUPS}).
 */
record GuardSettings(
    String listenAddress,
    int port,
    int backendPort,
    AnonymousPaths anonymous,
    Duration idleTimeout,
    FrontDoorTrust trust) {
  static final String PORT = "GUARD_PORT";
  static final String BACKEND_PORT = "GUARD_BACKEND_PORT";
  static final String OPEN_PATHS = "GUARD_OPEN_PATHS";
  static final String HEALTH_PATH = "GUARD_HEALTH_PATH";
  static final String IDLE_TIMEOUT_SECONDS = "GUARD_IDLE_TIMEOUT_SECONDS";

  /**
   * Long enough for a long poll or a slow client between two packets of a push; a dead peer goes
   * after it.
   */
  static final long DEFAULT_IDLE_SECONDS = 300;

  static GuardSettings from(Settings settings) {
    int port = port(settings, PORT);
    int backend = port(settings, BACKEND_PORT);
    if (port == backend) {
      throw new IllegalStateException(
          PORT
              + " and "
              + BACKEND_PORT
              + " are both "
              + port
              + ": the app must listen on a port of its own, at 127.0.0.1");
    }
    return new GuardSettings(
        "0.0.0.0",
        port,
        backend,
        AnonymousPaths.of(settings.string(OPEN_PATHS, ""), settings.string(HEALTH_PATH, "")),
        Duration.ofSeconds(settings.number(IDLE_TIMEOUT_SECONDS, DEFAULT_IDLE_SECONDS)),
        FrontDoorTrust.from(settings));
  }

  private static int port(Settings settings, String name) {
    long port = settings.number(name, 0);
    if (port < 1 || port > 65535) {
      throw new IllegalStateException(name + " must be a TCP port, 1 to 65535");
    }
    return (int) port;
  }
}
