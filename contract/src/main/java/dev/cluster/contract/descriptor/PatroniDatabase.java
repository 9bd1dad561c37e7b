package dev.cluster.contract.descriptor;

import dev.cluster.contract.patroni.PatroniScope;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@code @Postgres} service as Patroni runs it: where its keys are in etcd, and which fleet unit
 * runs each of its members (a member is named after its unit's instance), so the deploy client
 * reads both instead of re-deriving them.
 *
 * @param namespace Patroni's namespace, an etcd key prefix
 * @param scope Patroni's scope, the database's name in it
 * @param unitByMember each member's name ({@code PATRONI_NAME}) and the fleet unit that runs it
 */
public record PatroniDatabase(String namespace, String scope, Map<String, String> unitByMember) {
  public PatroniDatabase {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(scope, "scope");
    unitByMember = Map.copyOf(unitByMember);
    keys(namespace, scope);
  }

  /** Where Patroni keeps the database's keys. */
  public PatroniScope keys() {
    return keys(namespace, scope);
  }

  /** The fleet unit that runs member {@code member}, if it is one of the database's. */
  public Optional<String> unitOf(String member) {
    return Optional.ofNullable(unitByMember.get(member));
  }

  /** The members' names, sorted. */
  public String members() {
    return String.join(", ", new TreeMap<>(unitByMember).keySet());
  }

  private static PatroniScope keys(String namespace, String scope) {
    return new PatroniScope(namespace, scope);
  }
}
