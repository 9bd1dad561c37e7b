package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a service: a container image run as {@link #replicas()} instances on distinct machines
 * of the node group {@link #runsOn()}.
 *
 * <p>Generates, for a service on a MAIN or WORKER group, the fleet template units of one pod per
 * replica (the app, its presence heartbeat, one ambassador per used service and one unit per synced
 * volume, all on one machine, replicas on distinct machines); for a service on a DATA group, a
 * plain systemd unit in that group's user data on every machine. Its ports open, in the template,
 * only to the node groups that run services that {@link #uses()} it, or to the internet when it is
 * {@link Public}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Service {
  /** The container image, with a pinned tag, e.g. {@code "registry.example.com/gerrit:3.10.1"}. */
  String image();

  /**
   * How many instances run, each on a different machine of {@link #runsOn()}. Services on a DATA
   * group run on every machine of the group and leave this at its default.
   */
  int replicas() default 1;

  /** The ports the container listens on. */
  Port[] ports() default {};

  /** The {@link NodeGroup} class whose machines run the service. */
  Class<?> runsOn();

  /**
   * The {@link Service} classes this service talks to. Each gets an ambassador in this service's
   * pod on a local port that the model assigns, given to the app as {@code <USED_NAME>_HOST} and
   * {@code <USED_NAME>_PORT} environment variables; and opens the used service's ports to this node
   * group.
   */
  Class<?>[] uses() default {};

  /**
   * The {@link Secret} classes this service reads. Each is read from AWS Secrets Manager when the
   * unit starts and given to the app as an environment variable; never written into the template or
   * units.
   */
  Class<?>[] secrets() default {};

  /** Plain environment variables for the app (no secrets: those go in {@link #secrets()}). */
  Env[] env() default {};

  /**
   * The service's name: a DNS label and fleet unit name; defaults to the class's simple name in
   * kebab case.
   */
  String name() default "";
}
