package dev.cluster.apps.apiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.apps.common.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

/**
 * The APIs one proxy serves: the {@code api-proxy.json} the processor generates from the service's
 * {@code @ApiProxy}s, with each key read from the environment variable the file names.
 *
 * <p>Upstreams must be https. {@code API_PROXY_ALLOW_HTTP_LOOPBACK=true} also admits {@code
 * http://127.0.0.1}, for tests against a local upstream only: never set it in the cluster.
 */
public record ProxyConfig(String service, List<ProxiedApi> apis) {
  public static final String ALLOW_HTTP_LOOPBACK = "API_PROXY_ALLOW_HTTP_LOOPBACK";

  public ProxyConfig {
    // Longest prefix first, so "/maps/v2" wins over "/maps".
    apis =
        apis.stream()
            .sorted(Comparator.comparing((ProxiedApi a) -> a.prefix().length()).reversed())
            .toList();
  }

  public static ProxyConfig read(Path file, Settings env) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    boolean allowLoopback = env.flag(ALLOW_HTTP_LOOPBACK);
    List<ProxiedApi> apis = new ArrayList<>();
    for (JsonNode api : root.path("apis")) {
      apis.add(
          new ProxiedApi(
              api.path("prefix").asText(),
              upstream(api.path("upstream").asText(), allowLoopback),
              new ApiKey(env.required(api.path("keyEnv").asText())),
              ProxiedApi.KeyLocation.valueOf(api.path("keyIn").asText().toUpperCase(Locale.ROOT)),
              api.path("keyName").asText(),
              Duration.ofSeconds(api.path("cacheSeconds").asLong()),
              texts(api.path("methods")).stream()
                  .map(m -> m.toUpperCase(Locale.ROOT))
                  .collect(java.util.stream.Collectors.toSet()),
              texts(api.path("paths")).stream().map(PathPattern::of).toList(),
              api.path("ratePerMinute").asInt()));
    }
    return new ProxyConfig(root.path("service").asText(), apis);
  }

  static URI upstream(String text, boolean allowLoopback) {
    URI uri = URI.create(text.replaceAll("/+$", ""));
    boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
    boolean loopbackForTests =
        allowLoopback && "http".equals(uri.getScheme()) && "127.0.0.1".equals(uri.getHost());
    if (!https && !loopbackForTests) {
      throw new IllegalArgumentException("upstream " + text + " is not an absolute https URL");
    }
    return uri;
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
