package dev.cluster.apps.guard;

import dev.cluster.apps.common.Settings;

/**
 * Runs the guard in front of an app that reads {@code X-Auth-Request-User} but cannot check the
 * front door's proof: started by the app's image before the app ({@code
 * containers/front-door-guard/guarded}).
 */
public final class FrontDoorGuard {
  private FrontDoorGuard() {}

  public static void main(String[] args) throws Exception {
    try (Guard guard = Guard.start(GuardSettings.from(Settings.fromEnvironment()))) {
      guard.join();
    }
  }
}
