package dev.cluster.runtime.agent;

import java.util.Set;
import java.util.TreeSet;

/**
 * What one agent's command line may hold: options that take a value (each may repeat), flags that take none, and
 * whether bare words (operands) are allowed. {@link Options#parse} refuses anything else, so a mistyped option in a
 * unit is a failed start with the option named, never a setting silently dropped.
 */
public record OptionSpec(Set<String> valued, Set<String> flags, boolean operands) {

    public OptionSpec {
        valued = Set.copyOf(valued);
        flags = Set.copyOf(flags);
    }

    /** Options that each take a value, no flags, no operands. */
    public static OptionSpec valued(String... names) {
        return new OptionSpec(Set.of(names), Set.of(), false);
    }

    public OptionSpec withFlags(String... names) {
        return new OptionSpec(valued, Set.of(names), operands);
    }

    public OptionSpec withOperands() {
        return new OptionSpec(valued, flags, true);
    }

    boolean knows(String name) {
        return valued.contains(name) || flags.contains(name);
    }

    /** Every option's name, sorted, for messages. */
    Set<String> names() {
        Set<String> all = new TreeSet<>(valued);
        all.addAll(flags);
        return all;
    }
}
