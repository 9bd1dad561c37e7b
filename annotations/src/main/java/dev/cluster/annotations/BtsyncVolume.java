package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A directory of a {@link Service} kept in sync across its replicas, so its state survives the loss
 * of a machine or a whole zone (EBS volumes live in one zone).
 *
 * <p>Generates a volume unit in each replica's pod, started before the app, that runs the sync
 * engine for {@link #path()}; the app's container mounts the synced directory at {@link #path()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(BtsyncVolumes.class)
public @interface BtsyncVolume {
  /** The absolute path inside the container, e.g. {@code "/data/git"}. */
  String path();

  /** Which engine keeps the copies in sync. */
  SyncEngine engine() default SyncEngine.SYNCTHING;
}
