package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Service} reachable through the {@link FrontDoor} at {@code <subdomain>.<domain>},
 * after a sign-in at the identity provider, by members of {@link #allow()} only.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Route {
  /** The host name's first label; defaults to the service's name. */
  String subdomain() default "";

  /** Which of the service's ports the front door forwards to; 0 means its first port. */
  int port() default 0;

  /**
   * The {@link Group} classes whose members may use the service; empty admits every signed-in user.
   */
  Class<?>[] allow() default {};

  /** Largest request body the front door accepts, in MiB (uploads). */
  int maxBodyMb() default 10;

  /**
   * Path prefixes anyone may {@code GET} (and {@code HEAD}) without signing in, each starting and
   * ending with {@code /}: e.g. {@code "/d/"} for a file drop's download links, which recipients
   * without an account open. Every other method and every other path still needs the sign-in; the
   * identity headers reach the service empty on these paths.
   */
  String[] openPaths() default {};
}
