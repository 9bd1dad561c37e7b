package dev.cluster.runtime.deploy.stack;

import dev.cluster.contract.descriptor.StackParameter;
import dev.cluster.runtime.deploy.cli.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Stack parameter values from {@code --param NAME=VALUE}, checked against the declared parameters.
 * A required parameter (no default) must be given to create the stack; on an update one not given
 * keeps the deployed stack's value ({@code UsePreviousValue}).
 */
public final class ParameterValues {
  private final Map<String, String> values;
  private final List<String> missing;

  private ParameterValues(Map<String, String> values, List<String> missing) {
    this.values = values;
    this.missing = missing;
  }

  /** A required parameter not given, whose value the update keeps from the deployed stack. */
  public record KeptParameter(String name, String value) {}

  /** The parameters to send, and which of them keep the deployed stack's value. */
  public record Resolved(List<Parameter> parameters, List<KeptParameter> kept) {
    public Resolved {
      parameters = List.copyOf(parameters);
      kept = List.copyOf(kept);
    }

    /**
     * Every value the change set gives, by name: those given, and those kept from the deployed
     * stack.
     */
    public Map<String, String> values() {
      Map<String, String> values = new LinkedHashMap<>();
      parameters.stream()
          .filter(p -> p.parameterValue() != null)
          .forEach(p -> values.put(p.parameterKey(), p.parameterValue()));
      kept.forEach(k -> values.put(k.name(), k.value()));
      return values;
    }

    public Set<String> keptNames() {
      return kept.stream().map(KeptParameter::name).collect(Collectors.toSet());
    }
  }

  /**
   * Checks the names and the NAME=VALUE form, before any call; whether required ones are missing
   * needs the stack.
   */
  public static ParameterValues parse(List<StackParameter> declared, List<String> given) {
    Map<String, StackParameter> byName =
        declared.stream()
            .collect(
                Collectors.toMap(StackParameter::name, p -> p, (a, b) -> a, LinkedHashMap::new));
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : given) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("--param expects NAME=VALUE, got '" + pair + "'");
      }
      String name = pair.substring(0, equals);
      if (!byName.containsKey(name)) {
        throw new UsageException(
            "unknown stack parameter '"
                + name
                + "'"
                + (byName.isEmpty()
                    ? ": the stack has no parameters"
                    : " (parameters: " + String.join(", ", byName.keySet()) + ")"));
      }
      values.put(name, pair.substring(equals + 1));
    }
    List<String> missing =
        declared.stream()
            .filter(StackParameter::required)
            .map(StackParameter::name)
            .filter(name -> !values.containsKey(name))
            .toList();
    return new ParameterValues(values, missing);
  }

  /**
   * The values for a change set on {@code stack}: on a create (no stack, or one in review) every
   * required parameter must have been given; on an update, a required one not given keeps its value
   * if the deployed stack has that parameter.
   */
  public Resolved forStack(Optional<Stack> stack) {
    boolean update = StackCondition.of(stack) == StackCondition.READY;
    Map<String, String> previous =
        update
            ? stack.orElseThrow().parameters().stream()
                .collect(
                    Collectors.toMap(
                        Parameter::parameterKey,
                        p -> Optional.ofNullable(p.parameterValue()).orElse(""),
                        (a, b) -> b,
                        LinkedHashMap::new))
            : Map.of();
    List<Parameter> parameters = new ArrayList<>();
    values.forEach(
        (name, value) ->
            parameters.add(Parameter.builder().parameterKey(name).parameterValue(value).build()));
    List<KeptParameter> kept = new ArrayList<>();
    List<String> stillMissing = new ArrayList<>();
    for (String name : missing) {
      if (previous.containsKey(name)) {
        parameters.add(Parameter.builder().parameterKey(name).usePreviousValue(true).build());
        kept.add(new KeptParameter(name, previous.get(name)));
      } else {
        stillMissing.add(name);
      }
    }
    if (!stillMissing.isEmpty()) {
      throw new UsageException(
          "missing required stack parameters: "
              + String.join(", ", stillMissing)
              + " (pass --param "
              + stillMissing.get(0)
              + "=VALUE"
              + (update ? "; the deployed stack has no value to keep for them)" : ")"));
    }
    return new Resolved(parameters, kept);
  }
}
