package dev.cluster.runtime.deploy.stack;

import dev.cluster.contract.descriptor.PortOpening;
import dev.cluster.contract.descriptor.StackParameter;
import dev.cluster.runtime.deploy.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The stack parameters whose address range the template opens ports to ({@code AdminCidr}, each
 * port's {@code openToParameter}), with the values a change set would give them. A value that
 * covers the whole internet ({@code 0.0.0.0/0}, {@code ::/0}: any prefix length 0) is refused,
 * whether given or kept from the deployed stack, unless {@code --allow-world PARAMETER} says it is
 * meant.
 */
public final class AddressRanges {
  private AddressRanges() {}

  /**
   * One such parameter as the change set would set it.
   *
   * @param kept whether the value is the deployed stack's, kept because none was given
   * @param wholeInternet whether the value opens its ports to every address
   */
  public record AddressRange(
      String parameter, String value, boolean kept, boolean wholeInternet, List<String> opens) {
    public AddressRange {
      opens = List.copyOf(opens);
    }
  }

  /**
   * The port-opening parameters with their values, after refusing, before anything is changed, an
   * {@code --allow-world} that names no such parameter and a whole-internet value that none allows.
   *
   * @param values every value the change set would send, given or kept
   * @param kept the names of those kept from the deployed stack
   * @param allowed the parameters named by {@code --allow-world}
   */
  public static List<AddressRange> check(
      List<StackParameter> declared,
      Map<String, String> values,
      Set<String> kept,
      List<String> allowed) {
    Set<String> opening =
        declared.stream()
            .filter(StackParameter::opensPorts)
            .map(StackParameter::name)
            .collect(Collectors.toCollection(TreeSet::new));
    for (String name : allowed) {
      if (!opening.contains(name)) {
        throw new UsageException(
            "--allow-world "
                + name
                + ": "
                + name
                + " is not a stack parameter that opens ports"
                + (opening.isEmpty()
                    ? " (this cluster has none)"
                    : " (those that do: " + String.join(", ", opening) + ")"));
      }
    }
    List<AddressRange> ranges = new ArrayList<>();
    for (StackParameter parameter : declared) {
      String value = values.get(parameter.name());
      if (parameter.opensPorts() && value != null) {
        ranges.add(
            new AddressRange(
                parameter.name(),
                value,
                kept.contains(parameter.name()),
                wholeInternet(value),
                parameter.opens().stream().map(PortOpening::label).toList()));
      }
    }
    List<AddressRange> refused =
        ranges.stream().filter(r -> r.wholeInternet() && !allowed.contains(r.parameter())).toList();
    if (!refused.isEmpty()) {
      String reasons =
          refused.stream()
              .map(
                  r ->
                      (r.kept()
                              ? r.parameter() + " keeps the deployed value " + r.value() + ", which"
                              : r.parameter() + "=" + r.value())
                          + " would open "
                          + String.join(", ", r.opens())
                          + " to the whole internet")
              .collect(Collectors.joining("\n"));
      throw new UsageException(
          reasons
              + "\nGive a narrower range (e.g. --param "
              + refused.get(0).parameter()
              + "=203.0.113.7/32), or, if the whole internet is meant, pass "
              + refused.stream()
                  .map(r -> "--allow-world " + r.parameter())
                  .collect(Collectors.joining(" "))
              + ". Nothing was changed.");
    }
    return List.copyOf(ranges);
  }

  /**
   * Any address with prefix length 0: 0.0.0.0/0, ::/0, and such as 10.0.0.0/0 (whose host bits are
   * ignored).
   */
  static boolean wholeInternet(String value) {
    String text = value.strip();
    int slash = text.lastIndexOf('/');
    return slash >= 0 && text.substring(slash + 1).matches("0+");
  }
}
