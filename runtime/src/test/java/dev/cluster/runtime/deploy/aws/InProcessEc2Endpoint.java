package dev.cluster.runtime.deploy.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that answers both EC2's and Auto Scaling's
 * query protocols (form-encoded {@code Action=...}): EC2's TerminateInstances (XML in the
 * 2016-11-15 namespace, errors as {@code <Response><Errors><Error>}, e.g. {@code
 * InvalidInstanceID.NotFound}) and Auto Scaling's DescribeAutoScalingGroups (2011-01-01 namespace,
 * {@code ErrorResponse}).
 *
 * <p>An autoscaling group behaves as one with EC2 health checks does: an instance terminated
 * through EC2 is at once {@code Terminating}; {@link #replaceAfter} later it is gone and a
 * replacement is {@code Pending}, and as long again later the replacement is {@code InService}.
 * Time passes only as the clock reads it, so nothing runs in the background.
 */
public final class InProcessEc2Endpoint extends LoopbackHttpEndpoint {
  private static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String AUTOSCALING_NAMESPACE =
      "http://autoscaling.amazonaws.com/doc/2011-01-01/";

  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final List<String> actions = new ArrayList<>();
  private final List<String> terminated = new ArrayList<>();
  private Duration replaceAfter = Duration.ofMillis(200);
  private boolean replacing = true;
  private int instanceSequence;
  private int requestSequence;

  public InProcessEc2Endpoint() throws IOException {}

  /** An autoscaling group with {@code size} InService instances (desired capacity {@code size}). */
  public synchronized void addGroup(String name, int size) {
    Group group = new Group(name, size);
    for (int i = 0; i < size; i++) {
      group.instances.add(new Instance(nextInstanceId(), "InService", Long.MAX_VALUE));
    }
    groups.put(name, group);
  }

  /**
   * How long a group takes to replace a terminated instance (and the replacement to be InService).
   */
  public synchronized void replaceAfter(Duration delay) {
    replaceAfter = delay;
  }

  /**
   * Stops groups from replacing instances, as when the account is out of capacity for the instance
   * types.
   */
  public synchronized void stopReplacing() {
    replacing = false;
  }

  public synchronized List<String> actions() {
    return List.copyOf(actions);
  }

  /** Instance ids TerminateInstances was called with. */
  public synchronized List<String> terminated() {
    return List.copyOf(terminated);
  }

  /** The group's instances as "id:LifecycleState". */
  public synchronized List<String> instances(String group) {
    advance();
    return groups.get(group).instances.stream().map(i -> i.id + ":" + i.state).toList();
  }

  @Override
  protected synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String action = form.getOrDefault("Action", "");
      actions.add(action);
      advance();
      switch (action) {
        case "TerminateInstances" -> terminateInstances(exchange, form);
        case "DescribeAutoScalingGroups" -> describeAutoScalingGroups(exchange, form);
        default ->
            ec2Error(
                exchange,
                400,
                "InvalidAction",
                "The action " + action + " is not valid for this web service.");
      }
    }
  }

  private void terminateInstances(HttpExchange exchange, Map<String, String> form)
      throws IOException {
    List<String> ids = members(form, "InstanceId.");
    if (ids.isEmpty()) {
      ec2Error(
          exchange, 400, "MissingParameter", "The request must contain the parameter InstanceId");
      return;
    }
    StringBuilder items = new StringBuilder();
    for (String id : ids) {
      Instance instance = find(id);
      if (instance == null) {
        ec2Error(
            exchange,
            400,
            "InvalidInstanceID.NotFound",
            "The instance ID '" + id + "' does not exist");
        return;
      }
      String previous =
          instance.state.equals("InService") || instance.state.equals("Pending")
              ? "running"
              : "shutting-down";
      if (instance.state.equals("InService") || instance.state.equals("Pending")) {
        instance.state = "Terminating";
        instance.changeAt = System.nanoTime() + replaceAfter.toNanos();
      }
      terminated.add(id);
      items
          .append("<item><instanceId>")
          .append(id)
          .append("</instanceId><currentState><code>32</code><name>shutting-down</name>")
          .append("</currentState><previousState><code>")
          .append(previous.equals("running") ? 16 : 32)
          .append("</code><name>")
          .append(previous)
          .append("</name></previousState></item>");
    }
    send(
        exchange,
        200,
        "<TerminateInstancesResponse xmlns=\""
            + EC2_NAMESPACE
            + "\"><requestId>"
            + requestId()
            + "</requestId><instancesSet>"
            + items
            + "</instancesSet></TerminateInstancesResponse>");
  }

  private void describeAutoScalingGroups(HttpExchange exchange, Map<String, String> form)
      throws IOException {
    List<String> names = members(form, "AutoScalingGroupNames.member.");
    StringBuilder members = new StringBuilder();
    for (Group group : groups.values()) {
      if (!names.isEmpty() && !names.contains(group.name)) {
        continue;
      }
      members
          .append("<member><AutoScalingGroupName>")
          .append(group.name)
          .append("</AutoScalingGroupName>")
          .append(
              "<AutoScalingGroupARN>arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:0000:autoScalingGroupName/")
          .append(group.name)
          .append("</AutoScalingGroupARN><MinSize>")
          .append(group.desired)
          .append("</MinSize><MaxSize>")
          .append(group.desired)
          .append("</MaxSize><DesiredCapacity>")
          .append(group.desired)
          .append(
              "</DesiredCapacity><DefaultCooldown>300</DefaultCooldown><AvailabilityZones><member>eu-west-1a</member>")
          .append(
              "</AvailabilityZones><HealthCheckType>EC2</HealthCheckType><CreatedTime>2026-11-29T06:00:00Z</CreatedTime><Instances>");
      for (Instance instance : group.instances) {
        members
            .append("<member><InstanceId>")
            .append(instance.id)
            .append("</InstanceId><AvailabilityZone>eu-west-1a")
            .append("</AvailabilityZone><LifecycleState>")
            .append(instance.state)
            .append("</LifecycleState><HealthStatus>")
            .append(instance.state.equals("Terminating") ? "Unhealthy" : "Healthy")
            .append("</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>");
      }
      members.append("</Instances></member>");
    }
    send(
        exchange,
        200,
        "<DescribeAutoScalingGroupsResponse xmlns=\""
            + AUTOSCALING_NAMESPACE
            + "\"><DescribeAutoScalingGroupsResult>"
            + "<AutoScalingGroups>"
            + members
            + "</AutoScalingGroups></DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>"
            + requestId()
            + "</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>");
  }

  /**
   * Moves every group on to where the clock says it is: Terminating -> gone + Pending replacement
   * -> InService.
   */
  private void advance() {
    long now = System.nanoTime();
    for (Group group : groups.values()) {
      List<Instance> replacements = new ArrayList<>();
      group.instances.removeIf(
          instance -> {
            if (instance.state.equals("Terminating") && now >= instance.changeAt) {
              if (replacing) {
                replacements.add(
                    new Instance(
                        nextInstanceId(), "Pending", instance.changeAt + replaceAfter.toNanos()));
              }
              return true;
            }
            return false;
          });
      group.instances.addAll(replacements);
      for (Instance instance : group.instances) {
        if (instance.state.equals("Pending") && now >= instance.changeAt) {
          instance.state = "InService";
          instance.changeAt = Long.MAX_VALUE;
        }
      }
    }
  }

  private Instance find(String id) {
    return groups.values().stream()
        .flatMap(g -> g.instances.stream())
        .filter(i -> i.id.equals(id))
        .findFirst()
        .orElse(null);
  }

  private String nextInstanceId() {
    return String.format("i-0%016x", ++instanceSequence);
  }

  private String requestId() {
    return "00000000-0000-0000-0000-" + String.format("%012d", ++requestSequence);
  }

  private static List<String> members(Map<String, String> form, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; form.containsKey(prefix + i); i++) {
      values.add(form.get(prefix + i));
    }
    return values;
  }

  private void ec2Error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(
        exchange,
        status,
        "<Response><Errors><Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error></Errors><RequestID>"
            + requestId()
            + "</RequestID></Response>");
  }

  private static final class Group {
    final String name;
    final int desired;
    final List<Instance> instances = new ArrayList<>();

    Group(String name, int desired) {
      this.name = name;
      this.desired = desired;
    }
  }

  private static final class Instance {
    final String id;
    String state;
    long changeAt;

    Instance(String id, String state, long changeAt) {
      this.id = id;
      this.state = state;
      this.changeAt = changeAt;
    }
  }
}
