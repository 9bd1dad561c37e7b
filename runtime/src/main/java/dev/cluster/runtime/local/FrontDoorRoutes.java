package dev.cluster.runtime.local;

import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.runtime.local.aws.LocalInstance;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a person opens the local cluster: each running service's route, reached through the front
 * door's machines (the running service that listens on 443). The routes' names resolve nowhere
 * here, and the front door serves its self-signed placeholder certificate instead of Let's
 * Encrypt's, so the text says how a browser or curl gets there.
 */
final class FrontDoorRoutes {
  private static final String HTTPS_PORT = "443/tcp";

  private FrontDoorRoutes() {}

  static String text(
      List<ServiceInfo> declared, List<String> running, List<LocalInstance> machines) {
    List<ServiceInfo> routed =
        declared.stream()
            .filter(service -> running.contains(service.name()) && service.url().isPresent())
            .toList();
    if (routed.isEmpty()) {
      return "";
    }
    Optional<ServiceInfo> frontDoor =
        declared.stream()
            .filter(service -> running.contains(service.name()))
            .filter(
                service -> service.ports().stream().anyMatch(port -> port.startsWith(HTTPS_PORT)))
            .findFirst();
    List<LocalInstance> doors =
        frontDoor
            .map(
                door ->
                    machines.stream()
                        .filter(machine -> machine.group().equals(door.nodeGroup()))
                        .toList())
            .orElse(List.of());
    StringBuilder text = new StringBuilder();
    if (doors.isEmpty()) {
      text.append("routes (not open here: no front door runs):\n");
    } else {
      text.append("routes, through the front door ")
          .append(frontDoor.get().name())
          .append(" on ")
          .append(doors.get(0).name())
          .append(" at ")
          .append(doors.get(0).privateIp())
          .append(" (a self-signed placeholder certificate):\n");
    }
    Set<String> domains = new TreeSet<>();
    for (ServiceInfo service : routed) {
      URI url = URI.create(service.url().orElseThrow());
      domains.add(url.getHost().substring(url.getHost().indexOf('.') + 1));
      text.append(String.format("  %-14s %s/  (%s)%n", service.name(), url, service.access()));
    }
    if (!doors.isEmpty()) {
      String address = doors.get(0).privateIp();
      text.append("  open them with: chromium --ignore-certificate-errors --host-resolver-rules=\"")
          .append(
              String.join(
                  ", ", domains.stream().map(domain -> "MAP *." + domain + " " + address).toList()))
          .append("\" URL\n");
    }
    return text.toString();
  }
}
