package dev.cluster.runtime.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that speaks CloudFormation's query protocol
 * (form-encoded POSTs with Action=..., XML answers in the 2010-05-15 namespace, errors as {@code
 * <ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>...}) for the actions the
 * deploy engine uses, over a small state machine of stacks, change sets and events.
 *
 * <p>Stacks move one step per DescribeStacks call, so that a client sees IN_PROGRESS statuses and
 * events arriving over several polls. Change sets are computed from the templates: resources added,
 * removed, or modified (replacement True when a replacing property such as CidrBlock changes,
 * Conditional when only a referenced parameter changed); each Modify has its Details (the property,
 * whether it requires recreation, DirectModification or the ParameterReference that moved it), and
 * with {@code IncludePropertyValues=true} each changed value's Path, BeforeValue, AfterValue and
 * AttributeChangeType, and every change its resolved Properties as Before/AfterContext ({@link
 * PropertyDiff}). A resource whose Properties contain {@code "FailWith": "reason"} fails to create
 * or update with that reason, which rolls the stack back as CloudFormation does; one with {@code
 * "FailDeleteWith": "reason"} cannot be deleted, which leaves the stack DELETE_FAILED.
 *
 * <p>Templates come inline (TemplateBody, at most 51,200 bytes, as CloudFormation enforces) or from
 * a TemplateURL, which the endpoint fetches with a plain GET (from an in-process S3 in the tests)
 * and, when it cannot, fails as CloudFormation does: ValidationError "TemplateURL must be a
 * supported URL." or "S3 error: " with S3's message. Parameters with UsePreviousValue=true take the
 * stack's current value and are recorded ({@link #previousValuesUsed()}). Resource signals (a
 * machine's {@code aws cloudformation signal-resource}) are taken while a stack is created or
 * updated and recorded ({@link #signals()}); otherwise they fail as CloudFormation's do ("...
 * cannot be signaled").
 */
public final class InProcessCloudFormationEndpoint extends LoopbackHttpEndpoint {
  private static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads TemplateURLs; one for all endpoints, since Java 17's HttpClient cannot be closed. */
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final Set<String> REPLACING_PROPERTIES =
      Set.of("CidrBlock", "AvailabilityZone", "BucketName");
  private static final int EVENTS_PAGE_SIZE = 3;
  private static final int MAX_BODY_BYTES = 51_200;
  private static final int MAX_URL_BYTES = 1_048_576;
  private static final String S3_ERRORS_HELP =
      "For more information check http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html";
  private static final String NO_CHANGES =
      "The submitted information didn't contain changes. Submit different information to create a change set.";

  private final Map<String, StackModel> stacks = new LinkedHashMap<>();

  /** Deleted stacks, which CloudFormation still describes by their ARN (never by their name). */
  private final Map<String, StackModel> deletedById = new LinkedHashMap<>();

  private final Map<String, ChangeSetModel> changeSets = new LinkedHashMap<>();
  private final List<String> actions = new ArrayList<>();
  private final List<String> templateUrls = new ArrayList<>();
  private final List<String> previousValuesUsed = new ArrayList<>();
  private final List<Signal> signals = new ArrayList<>();
  private final List<String> executedChangeSets = new ArrayList<>();
  private Duration computeTime = Duration.ZERO;
  private Instant clock = Instant.parse("2026-11-29T06:00:00Z");
  private int sequence;
  private boolean frozen;
  private int stepsPerDescribe = 1;
  private boolean eventsBetweenPages;

  public InProcessCloudFormationEndpoint() throws IOException {}

  /** Every Action received, in order. */
  public synchronized List<String> actions() {
    return List.copyOf(actions);
  }

  /** The ARN of every change set executed, in order. */
  public synchronized List<String> executedChangeSets() {
    return List.copyOf(executedChangeSets);
  }

  /** The ARNs of the change sets CloudFormation holds now (of every stack). */
  public synchronized List<String> changeSetIds() {
    return List.copyOf(changeSets.keySet());
  }

  /**
   * Change sets stay CREATE_IN_PROGRESS for at least {@code time} after their creation, as
   * CloudFormation takes seconds to compute one: long enough for a client's progress line to show
   * their statuses.
   */
  public synchronized void changeSetsComputeFor(Duration time) {
    computeTime = time;
  }

  /** Every TemplateURL received (ValidateTemplate and CreateChangeSet), in order. */
  public synchronized List<String> templateUrls() {
    return List.copyOf(templateUrls);
  }

  /**
   * {@code STACK/KEY} of every parameter a change set took with UsePreviousValue=true, in order.
   */
  public synchronized List<String> previousValuesUsed() {
    return List.copyOf(previousValuesUsed);
  }

  /** The parameter values of the stack's last successful create or update. */
  public synchronized Map<String, String> stackParameters(String name) {
    return Optional.ofNullable(stacks.get(name))
        .map(s -> Map.copyOf(s.parameters))
        .orElse(Map.of());
  }

  /** The stack's status without moving it on; empty when there is no such stack. */
  public synchronized Optional<String> stackStatus(String name) {
    return Optional.ofNullable(stacks.get(name)).filter(s -> !s.gone).map(s -> s.status);
  }

  public synchronized int changeSetCount() {
    return changeSets.size();
  }

  /** Puts a stack that some earlier operation left in {@code status}. */
  public synchronized void putStack(String name, String status, String reason) {
    StackModel stack = new StackModel(name);
    stack.status = status;
    stack.reason = reason;
    stack.template = JSON.createObjectNode();
    stacks.put(name, stack);
    stack.event(name, "AWS::CloudFormation::Stack", status, reason);
  }

  /**
   * Moves stacks on {@code steps} steps per DescribeStacks call (default 1): a fast CloudFormation,
   * against a client that polls slowly, finishes a whole deletion between two polls.
   */
  public synchronized void stepsPerDescribe(int steps) {
    stepsPerDescribe = steps;
  }

  /**
   * Moves the stack on one step before answering each DescribeStackEvents page after the first, so
   * that new events arrive while a client reads the pages and shift them under it, as they do in
   * AWS.
   */
  public synchronized void eventsArriveBetweenPages() {
    eventsBetweenPages = true;
  }

  /** The EventIds of a stack's events, newest first, whether the stack still exists or not. */
  public synchronized List<String> eventIds(String name) {
    return Stream.concat(stacks.values().stream(), deletedById.values().stream())
        .filter(s -> s.name.equals(name))
        .flatMap(s -> s.events.stream().map(e -> e.id))
        .toList();
  }

  /**
   * Puts a stack with {@code template}, which some operation left in {@code status} (e.g. waiting
   * for signals).
   */
  public synchronized void putStack(String name, String status, String reason, String template) {
    putStack(name, status, reason);
    stacks.get(name).template = parseTemplate(template);
  }

  /** One resource signal CloudFormation took (SignalResource). */
  public record Signal(String stack, String logicalId, String uniqueId, String status) {}

  /** Every resource signal taken, in order. */
  public synchronized List<Signal> signals() {
    return List.copyOf(signals);
  }

  /**
   * The stack as someone else's update left it (the console, another client's change set): a new
   * LastUpdatedTime, and its change sets OBSOLETE, as CloudFormation marks those computed against
   * the stack's earlier state.
   */
  public synchronized void updatedElsewhere(String name) {
    StackModel stack = stacks.get(name);
    clock = clock.plusSeconds(60);
    stack.lastUpdated = clock;
    changeSets.values().stream()
        .filter(c -> c.stack == stack)
        .forEach(c -> c.executionStatus = "OBSOLETE");
    stack.event(name, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", null);
  }

  /** Stops stacks from moving on, as a long CloudFormation operation would look. */
  public synchronized void freeze() {
    frozen = true;
  }

  @Override
  protected synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String action = form.getOrDefault("Action", "");
      actions.add(action);
      clock = clock.plusSeconds(1);
      try {
        String result =
            switch (action) {
              case "ValidateTemplate" -> validateTemplate(form);
              case "CreateChangeSet" -> createChangeSet(form);
              case "DescribeChangeSet" -> describeChangeSet(form);
              case "ExecuteChangeSet" -> executeChangeSet(form);
              case "DeleteChangeSet" -> deleteChangeSet(form);
              case "DescribeStacks" -> describeStacks(form);
              case "DescribeStackEvents" -> describeStackEvents(form);
              case "DeleteStack" -> deleteStack(form);
              case "SignalResource" -> signalResource(form);
              default ->
                  throw new Failure(400, "InvalidAction", "Could not find operation " + action);
            };
        // An action with no result (SignalResource) answers its metadata only.
        String resultElement =
            result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>";
        send(
            exchange,
            200,
            "<"
                + action
                + "Response xmlns=\""
                + NAMESPACE
                + "\">"
                + resultElement
                + "<ResponseMetadata><RequestId>"
                + requestId()
                + "</RequestId></ResponseMetadata></"
                + action
                + "Response>");
      } catch (Failure f) {
        send(
            exchange,
            f.status,
            "<ErrorResponse xmlns=\""
                + NAMESPACE
                + "\"><Error><Type>Sender</Type><Code>"
                + f.code
                + "</Code><Message>"
                + xml(f.getMessage())
                + "</Message></Error><RequestId>"
                + requestId()
                + "</RequestId></ErrorResponse>");
      }
    }
  }

  private String validateTemplate(Map<String, String> form) {
    JsonNode template = template(form);
    StringBuilder parameters = new StringBuilder("<Parameters>");
    template
        .path("Parameters")
        .fieldNames()
        .forEachRemaining(
            name ->
                parameters
                    .append("<member><ParameterKey>")
                    .append(xml(name))
                    .append("</ParameterKey></member>"));
    return parameters.append("</Parameters>").toString();
  }

  private String createChangeSet(Map<String, String> form) {
    String stackName = required(form, "StackName");
    String name = required(form, "ChangeSetName");
    String type = form.getOrDefault("ChangeSetType", "UPDATE");
    JsonNode template = template(form);
    StackModel stack = stacks.get(stackName);
    Map<String, String> parameters =
        parameters(
            form,
            template,
            type.equals("CREATE") || stack == null ? Map.of() : stack.parameters,
            stackName);
    if (type.equals("CREATE")) {
      if (stack != null && !stack.status.equals("REVIEW_IN_PROGRESS")) {
        throw new Failure(
            400,
            "AlreadyExistsException",
            "Stack ["
                + stackName
                + "] already exists and cannot be created again with the changeSet ["
                + name
                + "].");
      }
      if (stack == null) {
        stack = new StackModel(stackName);
        stack.status = "REVIEW_IN_PROGRESS";
        stack.template = JSON.createObjectNode();
        stacks.put(stackName, stack);
        stack.event(
            stackName, "AWS::CloudFormation::Stack", "REVIEW_IN_PROGRESS", "User Initiated");
      }
    } else {
      if (stack == null || stack.status.equals("REVIEW_IN_PROGRESS")) {
        throw new Failure(400, "ValidationError", "Stack [" + stackName + "] does not exist");
      }
      if (!Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE")
          .contains(stack.status)) {
        throw new Failure(
            400,
            "ValidationError",
            "Stack:" + stack.id + " is in " + stack.status + " state and can not be updated.");
      }
    }
    ChangeSetModel changeSet =
        new ChangeSetModel(
            stack, name, type, template, parameters, changes(stack, template, parameters));
    changeSets.put(changeSet.id, changeSet);
    return "<Id>" + changeSet.id + "</Id><StackId>" + stack.id + "</StackId>";
  }

  private String describeChangeSet(Map<String, String> form) {
    ChangeSetModel changeSet = changeSet(form);
    changeSet.advance();
    boolean withValues = Boolean.parseBoolean(form.get("IncludePropertyValues"));
    StringBuilder changes = new StringBuilder("<Changes>");
    for (Change change : changeSet.changes) {
      changes
          .append("<member><Type>Resource</Type><ResourceChange><Action>")
          .append(change.action)
          .append("</Action><LogicalResourceId>")
          .append(xml(change.logicalId))
          .append("</LogicalResourceId><ResourceType>")
          .append(xml(change.type))
          .append("</ResourceType>");
      if (change.replacement != null) {
        changes.append("<Replacement>").append(change.replacement).append("</Replacement>");
      }
      changes.append(details(change, withValues));
      changes.append("</ResourceChange></member>");
    }
    changes.append("</Changes>");
    return "<ChangeSetName>"
        + changeSet.name
        + "</ChangeSetName><ChangeSetId>"
        + changeSet.id
        + "</ChangeSetId>"
        + "<StackId>"
        + changeSet.stack.id
        + "</StackId><StackName>"
        + changeSet.stack.name
        + "</StackName>"
        + "<Status>"
        + changeSet.status
        + "</Status><ExecutionStatus>"
        + changeSet.executionStatus
        + "</ExecutionStatus>"
        + (changeSet.reason == null
            ? ""
            : "<StatusReason>" + xml(changeSet.reason) + "</StatusReason>")
        + "<CreationTime>"
        + clock
        + "</CreationTime>"
        + changes;
  }

  /**
   * A Modify's Details (always), and with IncludePropertyValues each target's Path, values and
   * change type, and the resource's Before/AfterContext, as DescribeChangeSet answers.
   */
  private static String details(Change change, boolean withValues) {
    StringBuilder xml = new StringBuilder();
    if (change.action.equals("Modify")) {
      xml.append("<Details>");
      for (Detail detail : change.details) {
        PropertyDiff.Target target = detail.target();
        xml.append("<member><Target><Attribute>Properties</Attribute><Name>")
            .append(xml(target.name()))
            .append("</Name><RequiresRecreation>")
            .append(detail.requiresRecreation())
            .append("</RequiresRecreation>");
        if (withValues) {
          xml.append("<Path>").append(xml(target.path())).append("</Path>");
          optional(xml, "BeforeValue", target.before());
          optional(xml, "AfterValue", target.after());
          xml.append("<AttributeChangeType>")
              .append(target.changeType())
              .append("</AttributeChangeType>");
        }
        xml.append("</Target><Evaluation>")
            .append(detail.evaluation())
            .append("</Evaluation><ChangeSource>")
            .append(detail.changeSource())
            .append("</ChangeSource>");
        optional(xml, "CausingEntity", detail.causingEntity());
        xml.append("</member>");
      }
      xml.append("</Details>");
    }
    if (withValues) {
      optional(xml, "BeforeContext", change.beforeContext);
      optional(xml, "AfterContext", change.afterContext);
    }
    return xml.toString();
  }

  private static void optional(StringBuilder xml, String element, String value) {
    if (value != null) {
      xml.append('<')
          .append(element)
          .append('>')
          .append(xml(value))
          .append("</")
          .append(element)
          .append('>');
    }
  }

  private String executeChangeSet(Map<String, String> form) {
    ChangeSetModel changeSet = changeSet(form);
    if (!changeSet.executionStatus.equals("AVAILABLE")) {
      throw new Failure(
          400,
          "InvalidChangeSetStatus",
          "ChangeSet ["
              + changeSet.id
              + "] cannot be executed in its current execution status of ["
              + changeSet.executionStatus
              + "]");
    }
    changeSets.values().removeIf(other -> other.stack == changeSet.stack);
    executedChangeSets.add(changeSet.id);
    changeSet.stack.execute(changeSet);
    return "";
  }

  private String deleteChangeSet(Map<String, String> form) {
    changeSets.remove(changeSet(form).id);
    return "";
  }

  private String describeStacks(Map<String, String> form) {
    String nameOrId = required(form, "StackName");
    StackModel stack = existingStack(nameOrId);
    for (int step = 0; step < stepsPerDescribe && !frozen && !stack.gone; step++) {
      stack.advance();
    }
    if (stack.gone) {
      forget(stack);
      if (!isArn(nameOrId)) {
        throw missingStack(nameOrId);
      }
    }
    StringBuilder outputs = new StringBuilder("<Outputs>");
    stack.outputs.forEach(
        (key, value) ->
            outputs
                .append("<member><OutputKey>")
                .append(xml(key))
                .append("</OutputKey><OutputValue>")
                .append(xml(value))
                .append("</OutputValue></member>"));
    outputs.append("</Outputs>");
    StringBuilder parameters = new StringBuilder("<Parameters>");
    new TreeMap<>(stack.parameters)
        .forEach(
            (key, value) ->
                parameters
                    .append("<member><ParameterKey>")
                    .append(xml(key))
                    .append("</ParameterKey><ParameterValue>")
                    .append(xml(value))
                    .append("</ParameterValue></member>"));
    parameters.append("</Parameters>");
    return "<Stacks><member><StackId>"
        + stack.id
        + "</StackId><StackName>"
        + xml(stack.name)
        + "</StackName>"
        + "<CreationTime>"
        + stack.created
        + "</CreationTime>"
        + (stack.lastUpdated == null
            ? ""
            : "<LastUpdatedTime>" + stack.lastUpdated + "</LastUpdatedTime>")
        + "<StackStatus>"
        + stack.status
        + "</StackStatus>"
        + (stack.reason == null
            ? ""
            : "<StackStatusReason>" + xml(stack.reason) + "</StackStatusReason>")
        + parameters
        + outputs
        + "</member></Stacks>";
  }

  private String describeStackEvents(Map<String, String> form) {
    StackModel stack = existingStack(required(form, "StackName"));
    if (eventsBetweenPages && form.containsKey("NextToken") && !frozen) {
      stack.advance();
    }
    int start = Integer.parseInt(form.getOrDefault("NextToken", "0"));
    List<Event> page =
        stack.events.subList(start, Math.min(stack.events.size(), start + EVENTS_PAGE_SIZE));
    StringBuilder events = new StringBuilder("<StackEvents>");
    for (Event event : page) {
      events
          .append("<member><StackId>")
          .append(stack.id)
          .append("</StackId><EventId>")
          .append(event.id)
          .append("</EventId><StackName>")
          .append(xml(stack.name))
          .append("</StackName><LogicalResourceId>")
          .append(xml(event.logicalId))
          .append("</LogicalResourceId><ResourceType>")
          .append(xml(event.type))
          .append("</ResourceType><Timestamp>")
          .append(event.time)
          .append("</Timestamp><ResourceStatus>")
          .append(event.status)
          .append("</ResourceStatus>");
      if (event.reason != null) {
        events
            .append("<ResourceStatusReason>")
            .append(xml(event.reason))
            .append("</ResourceStatusReason>");
      }
      events.append("</member>");
    }
    events.append("</StackEvents>");
    if (start + EVENTS_PAGE_SIZE < stack.events.size()) {
      events.append("<NextToken>").append(start + EVENTS_PAGE_SIZE).append("</NextToken>");
    }
    return events.toString();
  }

  /**
   * As CloudFormation takes a resource signal: only while the stack is being created or updated (it
   * waits for signals then), only for a resource of its template, with status SUCCESS or FAILURE.
   */
  private String signalResource(Map<String, String> form) {
    StackModel stack = existingStack(required(form, "StackName"));
    String logicalId = required(form, "LogicalResourceId");
    String uniqueId = required(form, "UniqueId");
    String status = required(form, "Status");
    if (!Set.of("SUCCESS", "FAILURE").contains(status)) {
      throw new Failure(
          400,
          "ValidationError",
          "1 validation error detected: Value '"
              + status
              + "' at 'status' failed to"
              + " satisfy constraint: Member must satisfy enum value set: [SUCCESS, FAILURE]");
    }
    if (!Set.of("CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS").contains(stack.status)) {
      throw new Failure(
          400,
          "ValidationError",
          "Stack " + stack.id + " is in " + stack.status + " state and cannot be signaled");
    }
    if (!stack.template.path("Resources").has(logicalId)) {
      throw new Failure(
          400,
          "ValidationError",
          "Resource " + logicalId + " does not exist for stack " + stack.name);
    }
    signals.add(new Signal(stack.name, logicalId, uniqueId, status));
    return null;
  }

  private String deleteStack(Map<String, String> form) {
    StackModel stack = stacks.get(required(form, "StackName"));
    if (stack != null) {
      changeSets.values().removeIf(changeSet -> changeSet.stack == stack);
      if (stack.status.equals("REVIEW_IN_PROGRESS")) {
        stacks.remove(stack.name);
      } else {
        stack.delete();
      }
    }
    return "";
  }

  /**
   * The stack by name while it exists, or by ARN also once it is deleted, as CloudFormation finds
   * them.
   */
  private StackModel existingStack(String nameOrId) {
    if (isArn(nameOrId)) {
      return Stream.concat(stacks.values().stream(), deletedById.values().stream())
          .filter(s -> s.id.equals(nameOrId))
          .findFirst()
          .orElseThrow(() -> missingStack(nameOrId));
    }
    StackModel stack = stacks.get(nameOrId);
    if (stack == null || stack.gone) {
      if (stack != null) {
        forget(stack);
      }
      throw missingStack(nameOrId);
    }
    return stack;
  }

  private void forget(StackModel deleted) {
    stacks.remove(deleted.name, deleted);
    deletedById.put(deleted.id, deleted);
  }

  private static boolean isArn(String nameOrId) {
    return nameOrId.startsWith("arn:");
  }

  private static Failure missingStack(String name) {
    return new Failure(400, "ValidationError", "Stack with id " + name + " does not exist");
  }

  private ChangeSetModel changeSet(Map<String, String> form) {
    String idOrName = required(form, "ChangeSetName");
    return changeSets.values().stream()
        .filter(
            c ->
                c.id.equals(idOrName)
                    || c.name.equals(idOrName) && c.stack.name.equals(form.get("StackName")))
        .findFirst()
        .orElseThrow(
            () ->
                new Failure(
                    404, "ChangeSetNotFound", "ChangeSet [" + idOrName + "] does not exist"));
  }

  /** The change set's values; {@code previous} are the stack's current ones (none on a create). */
  private Map<String, String> parameters(
      Map<String, String> form, JsonNode template, Map<String, String> previous, String stackName) {
    Map<String, String> values = new TreeMap<>();
    for (int i = 1; form.containsKey("Parameters.member." + i + ".ParameterKey"); i++) {
      String key = form.get("Parameters.member." + i + ".ParameterKey");
      if (!template.path("Parameters").has(key)) {
        throw new Failure(
            400, "ValidationError", "Parameters: [" + key + "] do not exist in the template");
      }
      if (Boolean.parseBoolean(form.get("Parameters.member." + i + ".UsePreviousValue"))) {
        if (form.containsKey("Parameters.member." + i + ".ParameterValue")) {
          throw new Failure(
              400,
              "ValidationError",
              "Invalid input for parameter key "
                  + key
                  + ". Cannot specify usePreviousValue as true and non empty value for a parameter");
        }
        if (!previous.containsKey(key)) {
          throw new Failure(
              400,
              "ValidationError",
              "Invalid input for parameter key "
                  + key
                  + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
        }
        values.put(key, previous.get(key));
        previousValuesUsed.add(stackName + "/" + key);
        continue;
      }
      values.put(key, form.getOrDefault("Parameters.member." + i + ".ParameterValue", ""));
    }
    List<String> missing = new ArrayList<>();
    template
        .path("Parameters")
        .fields()
        .forEachRemaining(
            p -> {
              if (!values.containsKey(p.getKey())) {
                if (p.getValue().has("Default")) {
                  values.put(p.getKey(), p.getValue().get("Default").asText());
                } else {
                  missing.add(p.getKey());
                }
              }
            });
    if (!missing.isEmpty()) {
      throw new Failure(400, "ValidationError", "Parameters: " + missing + " must have values");
    }
    return values;
  }

  /**
   * What a change set does: compares resources, and which of them refer to a parameter whose value
   * changed; with each Modify its changed properties, and each resource's resolved Properties
   * before and after.
   */
  private static List<Change> changes(
      StackModel stack, JsonNode template, Map<String, String> parameters) {
    List<Change> changes = new ArrayList<>();
    JsonNode before = stack.template.path("Resources");
    JsonNode after = template.path("Resources");
    Set<String> existing = new java.util.HashSet<>();
    before.fieldNames().forEachRemaining(existing::add);
    after
        .fields()
        .forEachRemaining(
            resource -> {
              String id = resource.getKey();
              JsonNode now = resource.getValue();
              String type = now.path("Type").asText();
              JsonNode afterProperties =
                  PropertyDiff.resolve(now.path("Properties"), parameters, stack.name, existing);
              if (!before.has(id)) {
                changes.add(
                    new Change(
                        "Add",
                        id,
                        type,
                        null,
                        List.of(),
                        null,
                        PropertyDiff.context(afterProperties)));
                return;
              }
              JsonNode was = before.get(id);
              JsonNode beforeProperties =
                  PropertyDiff.resolve(
                      was.path("Properties"), stack.parameters, stack.name, existing);
              List<Detail> details =
                  PropertyDiff.targets(
                          beforeProperties,
                          afterProperties,
                          was.path("Properties"),
                          now.path("Properties"))
                      .stream()
                      .map(target -> detail(target, now, stack.parameters, parameters))
                      .toList();
              String replacement;
              if (!was.equals(now)) {
                boolean replaces =
                    !was.path("Type").equals(now.path("Type"))
                        || REPLACING_PROPERTIES.stream()
                            .anyMatch(
                                p ->
                                    !was.path("Properties")
                                        .path(p)
                                        .equals(now.path("Properties").path(p)));
                replacement = replaces ? "True" : "False";
              } else if (refersToChangedParameter(now, stack.parameters, parameters)) {
                replacement = "Conditional";
              } else {
                return;
              }
              changes.add(
                  new Change(
                      "Modify",
                      id,
                      type,
                      replacement,
                      details,
                      PropertyDiff.context(beforeProperties),
                      PropertyDiff.context(afterProperties)));
            });
    before
        .fields()
        .forEachRemaining(
            resource -> {
              if (!after.has(resource.getKey())) {
                JsonNode beforeProperties =
                    PropertyDiff.resolve(
                        resource.getValue().path("Properties"),
                        stack.parameters,
                        stack.name,
                        existing);
                changes.add(
                    new Change(
                        "Remove",
                        resource.getKey(),
                        resource.getValue().path("Type").asText(),
                        null,
                        List.of(),
                        PropertyDiff.context(beforeProperties),
                        null));
              }
            });
    return changes;
  }

  /**
   * A changed property as CloudFormation explains it: edited in the template, or moved by a
   * parameter it refers to.
   */
  private static Detail detail(
      PropertyDiff.Target target,
      JsonNode resource,
      Map<String, String> was,
      Map<String, String> now) {
    String recreation = REPLACING_PROPERTIES.contains(target.name()) ? "Always" : "Never";
    if (target.rawChanged()) {
      return new Detail(target, recreation, "Static", "DirectModification", null);
    }
    String parameter =
        resource.path("Properties").path(target.name()).findValues("Ref").stream()
            .map(JsonNode::asText)
            .filter(ref -> now.containsKey(ref) && !now.get(ref).equals(was.get(ref)))
            .findFirst()
            .orElse(null);
    return new Detail(target, recreation, "Static", "ParameterReference", parameter);
  }

  private static boolean refersToChangedParameter(
      JsonNode resource, Map<String, String> was, Map<String, String> now) {
    return resource.findValues("Ref").stream()
        .map(JsonNode::asText)
        .anyMatch(ref -> now.containsKey(ref) && !now.get(ref).equals(was.get(ref)));
  }

  /** The template of a request: its TemplateBody, or what its TemplateURL holds. */
  private JsonNode template(Map<String, String> form) {
    String body = form.get("TemplateBody");
    String url = form.get("TemplateURL");
    if ((body == null) == (url == null)) {
      throw new Failure(
          400, "ValidationError", "Exactly one of TemplateBody or TemplateUrl must be specified.");
    }
    if (body != null) {
      if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
        throw new Failure(
            400,
            "ValidationError",
            "1 validation error detected: Value at 'templateBody' failed to satisfy "
                + "constraint: Member must have length less than or equal to "
                + MAX_BODY_BYTES);
      }
      return parseTemplate(body);
    }
    templateUrls.add(url);
    return parseTemplate(fetch(url));
  }

  /**
   * GETs a TemplateURL as CloudFormation reads it from S3, failing with the messages CloudFormation
   * gives.
   */
  private String fetch(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Failure(400, "ValidationError", "TemplateURL must be a supported URL.");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new Failure(400, "ValidationError", "TemplateURL must be a supported URL.");
    }
    HttpResponse<byte[]> response;
    try {
      response =
          HTTP.send(
              HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new Failure(400, "ValidationError", "TemplateURL must be a supported URL.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(500, "InternalFailure", "interrupted while reading " + url);
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() != 200) {
      int start = text.indexOf("<Message>");
      int end = text.indexOf("</Message>");
      String message =
          start < 0 || end < start
              ? "HTTP " + response.statusCode()
              : text.substring(start + "<Message>".length(), end);
      throw new Failure(400, "ValidationError", "S3 error: " + message + "\n" + S3_ERRORS_HELP);
    }
    if (response.body().length > MAX_URL_BYTES) {
      throw new Failure(
          400, "ValidationError", "Template may not exceed " + MAX_URL_BYTES + " bytes in size.");
    }
    return text;
  }

  private static JsonNode parseTemplate(String body) {
    try {
      JsonNode template = JSON.readTree(body);
      if (template == null
          || !template.path("Resources").isObject()
          || template.path("Resources").isEmpty()) {
        throw new Failure(
            400,
            "ValidationError",
            "Template format error: At least one Resources member must be defined.");
      }
      return template;
    } catch (IOException e) {
      throw new Failure(400, "ValidationError", "Template format error: JSON not well-formed.");
    }
  }

  private static String required(Map<String, String> form, String name) {
    String value = form.get(name);
    if (value == null || value.isEmpty()) {
      throw new Failure(
          400,
          "ValidationError",
          "1 validation error detected: Value null at '"
              + name
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  private String requestId() {
    return "req-" + (++sequence);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /**
   * @param beforeContext the resource's resolved Properties before (Modify, Remove), as
   *     DescribeChangeSet's BeforeContext
   * @param afterContext after (Add, Modify)
   */
  private record Change(
      String action,
      String logicalId,
      String type,
      String replacement,
      List<Detail> details,
      String beforeContext,
      String afterContext) {}

  /** A ResourceChangeDetail: the target property, and why it changes. */
  private record Detail(
      PropertyDiff.Target target,
      String requiresRecreation,
      String evaluation,
      String changeSource,
      String causingEntity) {}

  private record Event(
      String id, String logicalId, String type, String status, String reason, Instant time) {}

  private static final class Failure extends RuntimeException {
    final int status;
    final String code;

    Failure(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private final class ChangeSetModel {
    final String id;
    final String name;
    final StackModel stack;
    final String type;
    final JsonNode template;
    final Map<String, String> parameters;
    final List<Change> changes;
    final Deque<String> statuses = new ArrayDeque<>(List.of("CREATE_IN_PROGRESS"));
    final long createdNanos = System.nanoTime();
    String status = "CREATE_PENDING";
    String executionStatus = "UNAVAILABLE";
    String reason;

    ChangeSetModel(
        StackModel stack,
        String name,
        String type,
        JsonNode template,
        Map<String, String> parameters,
        List<Change> changes) {
      this.id =
          "arn:aws:cloudformation:eu-west-1:123456789012:changeSet/" + name + "/cs-" + (++sequence);
      this.name = name;
      this.stack = stack;
      this.type = type;
      this.template = template;
      this.parameters = parameters;
      this.changes = changes;
      statuses.add(changes.isEmpty() ? "FAILED" : "CREATE_COMPLETE");
    }

    void advance() {
      boolean computing =
          status.equals("CREATE_IN_PROGRESS")
              && System.nanoTime() - createdNanos < computeTime.toNanos();
      if (statuses.isEmpty() || computing) {
        return;
      }
      status = statuses.poll();
      if (status.equals("CREATE_COMPLETE")) {
        executionStatus = "AVAILABLE";
      } else if (status.equals("FAILED")) {
        reason = NO_CHANGES;
      }
    }
  }

  private final class StackModel {
    final String name;
    final String id;
    final Instant created = clock;
    final List<Event> events = new ArrayList<>();
    final Deque<Consumer<StackModel>> steps = new ArrayDeque<>();
    String status;
    String reason;
    JsonNode template;
    Map<String, String> parameters = Map.of();
    Map<String, String> outputs = Map.of();

    /** Set by the first update, as CloudFormation's LastUpdatedTime. */
    Instant lastUpdated;

    boolean gone;

    StackModel(String name) {
      this.name = name;
      this.id =
          "arn:aws:cloudformation:eu-west-1:123456789012:stack/" + name + "/stack-" + (++sequence);
    }

    void event(String logicalId, String type, String status, String reason) {
      events.add(0, new Event("event-" + (++sequence), logicalId, type, status, reason, clock));
    }

    void stackStatus(String newStatus, String newReason) {
      status = newStatus;
      reason = newReason;
      event(name, "AWS::CloudFormation::Stack", newStatus, newReason);
    }

    void advance() {
      Consumer<StackModel> step = steps.poll();
      if (step != null) {
        step.accept(this);
      }
    }

    void execute(ChangeSetModel changeSet) {
      boolean creating = changeSet.type.equals("CREATE");
      if (!creating) {
        lastUpdated = clock;
      }
      stackStatus(creating ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS", "User Initiated");
      List<Change> applied = new ArrayList<>();
      Change failed = null;
      for (Change change : changeSet.changes) {
        String verb =
            switch (change.action) {
              case "Add" -> "CREATE";
              case "Modify" -> "UPDATE";
              default -> "DELETE";
            };
        if (verb.equals("DELETE")) {
          continue;
        }
        String failure =
            changeSet
                .template
                .path("Resources")
                .path(change.logicalId)
                .path("Properties")
                .path("FailWith")
                .asText(null);
        steps.add(s -> s.event(change.logicalId, change.type, verb + "_IN_PROGRESS", null));
        if (failure != null) {
          steps.add(s -> s.event(change.logicalId, change.type, verb + "_FAILED", failure));
          failed = change;
          break;
        }
        steps.add(s -> s.event(change.logicalId, change.type, verb + "_COMPLETE", null));
        applied.add(change);
      }
      if (failed != null) {
        rollBack(creating, failed, applied);
        return;
      }
      if (!creating) {
        steps.add(s -> s.stackStatus("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null));
        for (Change change : changeSet.changes) {
          if (change.action.equals("Remove")) {
            steps.add(s -> s.event(change.logicalId, change.type, "DELETE_COMPLETE", null));
          }
        }
      }
      steps.add(
          s -> {
            s.template = changeSet.template;
            s.parameters = changeSet.parameters;
            s.outputs = outputsOf(changeSet.template);
            s.stackStatus(creating ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", null);
          });
    }

    private void rollBack(boolean creating, Change failed, List<Change> applied) {
      String cause =
          "The following resource(s) failed to "
              + (creating ? "create" : "update")
              + ": ["
              + failed.logicalId
              + "].";
      steps.add(
          s ->
              s.stackStatus(
                  creating ? "ROLLBACK_IN_PROGRESS" : "UPDATE_ROLLBACK_IN_PROGRESS", cause));
      for (int i = applied.size() - 1; i >= 0; i--) {
        Change change = applied.get(i);
        String undo = change.action.equals("Add") ? "DELETE_COMPLETE" : "UPDATE_COMPLETE";
        steps.add(s -> s.event(change.logicalId, change.type, undo, null));
      }
      steps.add(
          s ->
              s.stackStatus(
                  creating ? "ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_COMPLETE",
                  creating ? cause : null));
    }

    void delete() {
      steps.clear();
      stackStatus("DELETE_IN_PROGRESS", "User Initiated");
      Iterator<String> resources = template.path("Resources").fieldNames();
      while (resources.hasNext()) {
        String id = resources.next();
        JsonNode resource = template.path("Resources").path(id);
        String type = resource.path("Type").asText();
        String failure = resource.path("Properties").path("FailDeleteWith").asText(null);
        if (failure != null) {
          steps.add(s -> s.event(id, type, "DELETE_FAILED", failure));
          steps.add(
              s ->
                  s.stackStatus(
                      "DELETE_FAILED",
                      "The following resource(s) failed to delete: [" + id + "]. "));
          return;
        }
        steps.add(s -> s.event(id, type, "DELETE_COMPLETE", null));
      }
      steps.add(
          s -> {
            s.stackStatus("DELETE_COMPLETE", null);
            s.gone = true;
          });
    }

    private Map<String, String> outputsOf(JsonNode template) {
      Map<String, String> values = new LinkedHashMap<>();
      template
          .path("Outputs")
          .fields()
          .forEachRemaining(
              output -> {
                JsonNode value = output.getValue().path("Value");
                values.put(
                    output.getKey(),
                    value.has("Ref")
                        ? name + "-" + value.get("Ref").asText() + "-1A2B3C"
                        : value.asText());
              });
      return values;
    }
  }
}
