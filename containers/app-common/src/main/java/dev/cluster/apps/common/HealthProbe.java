package dev.cluster.apps.common;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The images' HEALTHCHECK: exits 0 when the app on this machine answers {@link
 * AppServer#HEALTH_PATH} with 200, so the images need no curl. Usage: {@code java -cp app.jar
 * dev.cluster.apps.common.HealthProbe PORT}.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + AppServer.HEALTH_PATH))
                      .timeout(Duration.ofSeconds(3))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      System.exit(response.statusCode() == 200 ? 0 : 1);
    } catch (Exception e) {
      System.err.println("unhealthy: " + e);
      System.exit(1);
    }
  }
}
