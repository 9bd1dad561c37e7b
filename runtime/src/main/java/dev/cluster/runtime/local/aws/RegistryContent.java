package dev.cluster.runtime.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a registry without credentials holds, asked over its HTTP API (ECR's DescribeImages in front
 * of it).
 */
record RegistryContent(URI url) {
  private static final String MANIFEST_TYPES =
      "application/vnd.docker.distribution.manifest.v2+json,"
          + " application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json,"
          + " application/vnd.oci.image.index.v1+json";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  boolean holds(String repository, String tag) {
    HttpRequest request =
        HttpRequest.newBuilder(url.resolve("/v2/" + repository + "/manifests/" + tag))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("Accept", MANIFEST_TYPES)
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      throw new UncheckedIOException("the registry " + url + " does not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
