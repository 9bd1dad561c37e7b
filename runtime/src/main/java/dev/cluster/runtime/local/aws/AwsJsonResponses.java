package dev.cluster.runtime.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Answers of AWS's JSON 1.1 protocol, as the local stand-ins of ECR and Secrets Manager give them.
 */
final class AwsJsonResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsJsonResponses() {}

  /** An error as the SDKs read it: status 400 with the exception's name in {@code __type}. */
  static void error(HttpExchange exchange, String type, String message) throws IOException {
    send(exchange, 400, JSON.createObjectNode().put("__type", type).put("message", message));
  }

  static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
