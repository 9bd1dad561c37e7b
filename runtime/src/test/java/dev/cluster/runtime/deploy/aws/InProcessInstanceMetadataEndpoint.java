package dev.cluster.runtime.deploy.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that answers as an EC2 machine's instance
 * metadata service does with IMDSv2 only (what the launch templates require): {@code PUT
 * /latest/api/token} with the header {@code X-aws-ec2-metadata-token-ttl-seconds} (1 to 21600)
 * hands out a session token; {@code GET /latest/meta-data/PATH} answers only with a token it handed
 * out ({@code X-aws-ec2-metadata-token}), 401 without one, 404 for a path it does not know. It
 * knows the paths the machines' scripts read: instance-id, placement/region, local-ipv4.
 */
public final class InProcessInstanceMetadataEndpoint extends LoopbackHttpEndpoint {
  private static final String TOKEN_PATH = "/latest/api/token";
  private static final String METADATA_PREFIX = "/latest/meta-data/";

  private final Map<String, String> metadata;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();

  public InProcessInstanceMetadataEndpoint(String instanceId, String region, String privateIp)
      throws IOException {
    this.metadata =
        Map.of("instance-id", instanceId, "placement/region", region, "local-ipv4", privateIp);
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals(TOKEN_PATH)) {
        if (!method.equals("PUT")) {
          sendText(exchange, 405, "");
          return;
        }
        String ttl = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
        if (ttl == null
            || !ttl.matches("\\d{1,5}")
            || Integer.parseInt(ttl) < 1
            || Integer.parseInt(ttl) > 21600) {
          sendText(exchange, 400, "");
          return;
        }
        String token = "AQAEA" + Integer.toHexString(tokens.size() + 1) + "-token";
        tokens.add(token);
        sendText(exchange, 200, token);
        return;
      }
      String token = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
      if (!method.equals("GET") || token == null || !tokens.contains(token)) {
        sendText(exchange, 401, "");
        return;
      }
      String value =
          path.startsWith(METADATA_PREFIX)
              ? metadata.get(path.substring(METADATA_PREFIX.length()))
              : null;
      sendText(exchange, value == null ? 404 : 200, value == null ? "" : value);
    }
  }
}
