package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Service} a singleton: its replicas campaign through etcd's election API and only
 * the leader runs the app; the others wait, and take over when the leader's lease lapses. A leader
 * that loses etcd stops its app before the lease can expire for anyone else.
 *
 * <p>Generates the app unit wrapped in the {@code elect} agent, and makes the ambassadors of its
 * users follow the leader only.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Elected {
  /** The election lease's time to live, in seconds: the longest a dead leader blocks a new one. */
  int ttlSeconds() default 5;
}
