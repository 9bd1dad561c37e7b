package dev.cluster.runtime.local.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not AWS: EC2's instance metadata service for every machine of a local cluster at once, IMDSv2
 * only (what the launch templates require), answering each caller as the machine whose private
 * address it comes from. It knows what the boot scripts and the AWS CLI's credential chain read:
 * instance-id, local-ipv4, placement, and the machine role's credentials (made up: the stand-in
 * checks no signature).
 */
final class InstanceMetadata implements HttpHandler {
  private static final String TOKEN_PATH = "/latest/api/token";
  private static final String METADATA_PREFIX = "/latest/meta-data/";
  private static final String CREDENTIALS = "iam/security-credentials/";

  private final Map<String, LocalInstance> byAddress;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();

  InstanceMetadata(Map<String, LocalInstance> byAddress) {
    this.byAddress = Map.copyOf(byAddress);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals(TOKEN_PATH)) {
        String ttl = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
        if (!exchange.getRequestMethod().equals("PUT")) {
          send(exchange, 405, "");
        } else if (ttl == null
            || !ttl.matches("\\d{1,5}")
            || Integer.parseInt(ttl) < 1
            || Integer.parseInt(ttl) > 21600) {
          send(exchange, 400, "");
        } else {
          String token = UUID.randomUUID().toString();
          tokens.add(token);
          send(exchange, 200, token);
        }
        return;
      }
      String token = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
      if (!exchange.getRequestMethod().equals("GET") || token == null || !tokens.contains(token)) {
        send(exchange, 401, "");
        return;
      }
      LocalInstance caller =
          byAddress.get(exchange.getRemoteAddress().getAddress().getHostAddress());
      Optional<String> value =
          caller == null || !path.startsWith(METADATA_PREFIX)
              ? Optional.empty()
              : value(caller, path.substring(METADATA_PREFIX.length()));
      send(exchange, value.isPresent() ? 200 : 404, value.orElse(""));
    }
  }

  private static Optional<String> value(LocalInstance machine, String key) {
    String role = machine.cluster() + "-" + machine.group();
    return switch (key) {
      case "instance-id" -> Optional.of(machine.instanceId());
      case "local-ipv4" -> Optional.of(machine.privateIp());
      case "placement/region" -> Optional.of(machine.region());
      case "placement/availability-zone" -> Optional.of(machine.zone());
      case CREDENTIALS -> Optional.of(role);
      default -> key.equals(CREDENTIALS + role) ? Optional.of(credentials()) : Optional.empty();
    };
  }

  private static String credentials() {
    return "{\"Code\":\"Success\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"ASIALOCALSTANDIN0000\","
        + "\"SecretAccessKey\":\"local-stand-in-checks-no-signature\",\"Token\":\"local\",\"Expiration\":\""
        + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
        + "\",\"LastUpdated\":\""
        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + "\"}";
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }
}
