package dev.cluster.processor.model;

/** A {@code @BtsyncVolume}: a path kept in sync across a service's replicas. */
public record VolumeSpec(String path, SyncEngine engine, Origin origin) {
  /** Mirrors {@code dev.cluster.annotations.SyncEngine}. */
  public enum SyncEngine {
    SYNCTHING,
    BTSYNC
  }
}
