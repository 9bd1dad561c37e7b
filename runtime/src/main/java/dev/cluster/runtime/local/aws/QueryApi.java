package dev.cluster.runtime.local.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Not AWS: the two query-protocol calls the machines' boot scripts make, at one URL (the machines'
 * {@code AWS_ENDPOINT_URL_EC2} and {@code AWS_ENDPOINT_URL_CLOUDFORMATION}): EC2's
 * DescribeInstances over the local cluster's machines, filtered by tags and state as {@code
 * cluster-peers} asks, and CloudFormation's SignalResource, recorded (there is no stack locally)
 * and listed at {@code GET /local/signals} for {@code local status}. {@code GET /local/machines}
 * lists the machines, one line each, as the stand-in's health check.
 */
final class QueryApi implements HttpHandler {
  private static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String CLOUDFORMATION_NAMESPACE =
      "http://cloudformation.amazonaws.com/doc/2010-05-15/";

  private final List<LocalInstance> machines;
  private final Map<String, String> signals = new LinkedHashMap<>();

  QueryApi(List<LocalInstance> machines) {
    this.machines = List.copyOf(machines);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("GET") && path.equals("/local/machines")) {
        send(
            exchange,
            200,
            "text/plain",
            String.join("\n", machines.stream().map(LocalInstance::line).toList()) + "\n");
        return;
      }
      if (exchange.getRequestMethod().equals("GET") && path.equals("/local/signals")) {
        send(exchange, 200, "text/plain", signals());
        return;
      }
      Map<String, String> form =
          QueryForm.parse(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      switch (form.getOrDefault("Action", "")) {
        case "DescribeInstances" -> send(exchange, 200, "text/xml", describeInstances(form));
        case "SignalResource" -> send(exchange, 200, "text/xml", signalResource(form));
        default ->
            send(
                exchange,
                400,
                "text/xml",
                "<Response><Errors><Error><Code>InvalidAction</Code><Message>The local AWS"
                    + " stand-in does not answer "
                    + form.get("Action")
                    + "</Message></Error></Errors><RequestID>local</RequestID></Response>");
      }
    }
  }

  private String describeInstances(Map<String, String> form) {
    Predicate<LocalInstance> wanted = machine -> true;
    for (int i = 1; form.containsKey("Filter." + i + ".Name"); i++) {
      String name = form.get("Filter." + i + ".Name");
      List<String> values = QueryForm.members(form, "Filter." + i + ".Value.");
      wanted = wanted.and(machine -> matches(machine, name, values));
    }
    StringBuilder items = new StringBuilder();
    for (LocalInstance machine : machines.stream().filter(wanted).toList()) {
      items
          .append("<item><reservationId>r-")
          .append(machine.instanceId().substring(2))
          .append("</reservationId>")
          .append("<ownerId>000000000000</ownerId><groupSet/><instancesSet><item><instanceId>")
          .append(machine.instanceId())
          .append(
              "</instanceId><instanceState><code>16</code><name>running</name></instanceState><privateIpAddress>")
          .append(machine.privateIp())
          .append("</privateIpAddress><placement><availabilityZone>")
          .append(machine.zone())
          .append("</availabilityZone></placement><tagSet>");
      for (LocalInstance.Tag tag : machine.tags()) {
        items
            .append("<item><key>")
            .append(tag.key())
            .append("</key><value>")
            .append(tag.value())
            .append("</value></item>");
      }
      items.append("</tagSet></item></instancesSet></item>");
    }
    return "<DescribeInstancesResponse xmlns=\""
        + EC2_NAMESPACE
        + "\"><requestId>local</requestId><reservationSet>"
        + items
        + "</reservationSet></DescribeInstancesResponse>";
  }

  private static boolean matches(LocalInstance machine, String filter, List<String> values) {
    if (filter.equals("instance-state-name")) {
      return values.contains("running");
    }
    if (filter.startsWith("tag:")) {
      String key = filter.substring(4);
      return machine.tags().stream()
          .anyMatch(tag -> tag.key().equals(key) && values.contains(tag.value()));
    }
    return false;
  }

  private synchronized String signalResource(Map<String, String> form) {
    signals.put(
        form.get("UniqueId"),
        form.get("StackName") + " " + form.get("LogicalResourceId") + " " + form.get("Status"));
    return "<SignalResourceResponse xmlns=\""
        + CLOUDFORMATION_NAMESPACE
        + "\"><ResponseMetadata><RequestId>local</RequestId>"
        + "</ResponseMetadata></SignalResourceResponse>";
  }

  /** Each machine's last signal: "INSTANCE_ID STACK RESOURCE STATUS", one line each. */
  private synchronized String signals() {
    List<String> lines = new ArrayList<>();
    signals.forEach((instance, signal) -> lines.add(instance + " " + signal));
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private static void send(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + ";charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }
}
