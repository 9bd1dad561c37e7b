package dev.cluster.runtime.dns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.runtime.etcd.EtcdEntry;
import java.io.IOException;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The A record values for a set of presence records: each instance's {@code publicAddress} if it
 * has one, else its {@code host} (the runtime presence agent) or {@code address} (the processor's
 * record). Values that are not IPv4 addresses cannot go in an A record and are left out, with a
 * line on stderr.
 */
public final class ARecords {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  public static SortedSet<String> addresses(Collection<EtcdEntry> instances) {
    SortedSet<String> addresses = new TreeSet<>();
    for (EtcdEntry instance : instances) {
      String address = address(instance.value());
      if (address != null && IPV4.matcher(address).matches()) {
        addresses.add(address);
      } else {
        System.err.println(
            "dns-updater: ignoring "
                + instance.key()
                + ": no IPv4 publicAddress, host or address in "
                + instance.value());
      }
    }
    return addresses;
  }

  private static String address(String json) {
    try {
      JsonNode record = JSON.readTree(json);
      for (String field : new String[] {"publicAddress", "host", "address"}) {
        if (record.hasNonNull(field) && !record.get(field).asText().isBlank()) {
          return record.get(field).asText();
        }
      }
      return null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  private ARecords() {}
}
