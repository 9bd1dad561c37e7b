package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A port a {@link Service} listens on, bound to the same port of the machine's private address (or
 * of every address, for a {@link Public} service).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Port {
  /** The port number, 1 to 65535; the container's and the machine's. */
  int value();

  /**
   * The port's name, e.g. {@code "http"} or {@code "ssh"}; names the environment variable of users.
   */
  String name() default "";

  /** The transport protocol. */
  Protocol protocol() default Protocol.TCP;

  /**
   * Opens the port to an address range outside the cluster, given at deploy time: the name of a
   * template parameter (a CIDR) that this port generates, e.g. {@code "BuildWorkerCidr"}. Empty:
   * cluster only.
   */
  String openToParameter() default "";

  /** Transport protocols. */
  enum Protocol {
    TCP,
    UDP
  }
}
