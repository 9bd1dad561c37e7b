package dev.cluster.processor.naming;

import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The units a replica of a fleet service has, in order, by name, none made yet: the one list that
 * the unit generator makes ({@code generate/units/PodUnits}) and the unit-name rule checks, so that
 * a rule sees exactly the names fleet would get.
 */
public final class PodPlan {
  private PodPlan() {}

  /** One unit of the pod: its template's name prefix and what it is. */
  public sealed interface Unit
      permits PodUnit, NetworkUnit, AmbassadorUnit, VolumeUnit, AppUnit, PresenceUnit {
    /** {@code gerrit-pod} for the template {@code gerrit-pod@.service}. */
    String prefix();

    /** What the unit is, for messages: {@code ambassador unit to gerrit-db}. */
    String role();

    /** The template's file name: {@code gerrit-pod@.service}. */
    default String name() {
      return UnitNames.template(prefix());
    }
  }

  /** Holds a machine for the replica; every other unit follows it. */
  public record PodUnit(String prefix) implements Unit {
    @Override
    public String role() {
      return "pod unit";
    }
  }

  /** Makes the replica's pod network, when it has one ({@link #hasNetwork}). */
  public record NetworkUnit(String prefix) implements Unit {
    @Override
    public String role() {
      return "pod network unit";
    }
  }

  /** One listener of an ambassador to a used service. */
  public record AmbassadorUnit(
      String prefix, AmbassadorSpec ambassador, AmbassadorSpec.Listener listener) implements Unit {
    @Override
    public String role() {
      return "ambassador unit to " + ambassador.used().name();
    }
  }

  /** The replica's Syncthing for one synced volume. */
  public record VolumeUnit(String prefix, VolumeSpec volume) implements Unit {
    @Override
    public String role() {
      return "unit of volume " + volume.path();
    }
  }

  public record AppUnit(String prefix) implements Unit {
    @Override
    public String role() {
      return "app unit";
    }
  }

  /** Announces the replica while its app runs, when the service has ports. */
  public record PresenceUnit(String prefix) implements Unit {
    @Override
    public String role() {
      return "presence unit";
    }
  }

  /** The pod's units in the order the generator writes them. */
  public static List<Unit> of(ClusterModel model, ServiceSpec service) {
    if (!model.runsOnFleet(service)) {
      throw new IllegalArgumentException(service.name() + " does not run on a fleet group");
    }
    UnitNames names = UnitNames.of(service);
    List<Unit> units = new ArrayList<>();
    units.add(new PodUnit(names.pod()));
    if (hasNetwork(model, service)) {
      units.add(new NetworkUnit(names.network()));
    }
    model
        .ambassadorsOf(service)
        .forEach(
            ambassador ->
                ambassador
                    .listeners()
                    .forEach(
                        listener ->
                            units.add(
                                new AmbassadorUnit(
                                    names.ambassador(ambassador.name(listener)),
                                    ambassador,
                                    listener))));
    service.volumes().forEach(volume -> units.add(new VolumeUnit(names.volume(volume), volume)));
    units.add(new AppUnit(names.app()));
    if (!service.ports().isEmpty()) {
      units.add(new PresenceUnit(names.presence()));
    }
    return List.copyOf(units);
  }

  /**
   * Whether the service's pods get a network of their own: fleet replicas that use others, not on
   * the host's network.
   */
  public static boolean hasNetwork(ClusterModel model, ServiceSpec service) {
    return model.runsOnFleet(service)
        && service.kind() != ServiceKind.POSTGRES
        && !model.ambassadorsOf(service).isEmpty();
  }
}
