package dev.cluster.runtime.ambassador;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.EtcdKeys;
import dev.cluster.contract.patroni.PatroniScope;
import dev.cluster.runtime.etcd.EtcdEntry;
import dev.cluster.runtime.presence.Instance;
import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where in etcd an ambassador learns its backends, and how the keys under that prefix become
 * endpoints. Entries that cannot be read (a half-written or foreign value) are left out rather than
 * stopping the data path.
 */
public sealed interface Target {

  /** The etcd prefix to watch. */
  String prefix();

  /** The endpoints the backend must serve, given every key now under {@link #prefix()}. */
  Set<Endpoint> endpoints(Collection<EtcdEntry> entries);

  /** Every instance registered by presence agents under {@code /services/<service>/instances/}. */
  record Instances(String service, String port) implements Target {
    @Override
    public String prefix() {
      return EtcdKeys.instances(service);
    }

    @Override
    public Set<Endpoint> endpoints(Collection<EtcdEntry> entries) {
      Set<Endpoint> endpoints = new LinkedHashSet<>();
      entries.stream()
          .sorted(Comparator.comparing(EtcdEntry::key))
          .forEach(entry -> readable(entry, port).ifPresent(endpoints::add));
      return endpoints;
    }
  }

  /**
   * The leader of an elect agent's election {@code /elections/<name>}: etcd's election API makes
   * the candidate with the oldest key the leader, and its proposal value holds its address.
   */
  record ElectionLeader(String name, String port) implements Target {
    @Override
    public String prefix() {
      return EtcdKeys.election(name) + "/";
    }

    @Override
    public Set<Endpoint> endpoints(Collection<EtcdEntry> entries) {
      return entries.stream()
          .min(Comparator.comparingLong(EtcdEntry::createRevision))
          .flatMap(leader -> readable(leader, port))
          .map(Set::of)
          .orElse(Set.of());
    }
  }

  /**
   * Patroni's primary: {@code <namespace><scope>/leader} names the member whose {@code conn_url} to
   * use.
   */
  record PatroniLeader(String scope, String namespace) implements Target {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PatroniLeader {
      keys(scope, namespace);
    }

    private static PatroniScope keys(String scope, String namespace) {
      return new PatroniScope(namespace, scope);
    }

    @Override
    public String prefix() {
      return keys(scope, namespace).prefix();
    }

    @Override
    public Set<Endpoint> endpoints(Collection<EtcdEntry> entries) {
      PatroniScope keys = keys(scope, namespace);
      Optional<String> leader =
          entries.stream()
              .filter(e -> e.key().equals(keys.leaderKey()))
              .map(EtcdEntry::value)
              .findFirst();
      return leader
          .flatMap(
              name ->
                  entries.stream().filter(e -> e.key().equals(keys.memberKey(name))).findFirst())
          .flatMap(PatroniLeader::connection)
          .map(Set::of)
          .orElse(Set.of());
    }

    private static Optional<Endpoint> connection(EtcdEntry member) {
      try {
        JsonNode json = JSON.readTree(member.value());
        URI url = URI.create(json.path("conn_url").asText());
        return Optional.of(new Endpoint(url.getHost(), url.getPort() < 0 ? 5432 : url.getPort()));
      } catch (Exception unreadable) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Endpoint> readable(EtcdEntry entry, String port) {
    try {
      Instance instance = Instance.fromJson(entry.value());
      return Optional.of(new Endpoint(instance.host(), instance.port(port)));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }
}
