package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.StackParameter;
import dev.cluster.runtime.deploy.cli.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/** Stack parameter values from {@code --param NAME=VALUE}, checked against the declared parameters. */
public final class ParameterValues {
    private ParameterValues() {
    }

    public static List<Parameter> resolve(List<StackParameter> declared, List<String> given) {
        Map<String, StackParameter> byName = declared.stream()
                .collect(Collectors.toMap(StackParameter::name, p -> p, (a, b) -> a, LinkedHashMap::new));
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : given) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--param expects NAME=VALUE, got '" + pair + "'");
            }
            String name = pair.substring(0, equals);
            if (!byName.containsKey(name)) {
                throw new UsageException("unknown stack parameter '" + name + "'"
                        + (byName.isEmpty() ? ": the stack has no parameters" : " (parameters: " + String.join(", ", byName.keySet()) + ")"));
            }
            values.put(name, pair.substring(equals + 1));
        }
        List<String> missing = declared.stream()
                .filter(StackParameter::required)
                .map(StackParameter::name)
                .filter(name -> !values.containsKey(name))
                .toList();
        if (!missing.isEmpty()) {
            throw new UsageException("missing required stack parameters: " + String.join(", ", missing)
                    + " (pass --param " + missing.get(0) + "=VALUE)");
        }
        return values.entrySet().stream()
                .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build())
                .toList();
    }
}
