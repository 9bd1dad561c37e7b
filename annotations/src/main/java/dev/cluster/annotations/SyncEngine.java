package dev.cluster.annotations;

/** Engines that keep a {@link BtsyncVolume} in sync across replicas. */
public enum SyncEngine {
  /** Syncthing: open source; device ids and the folder exchanged through etcd. */
  SYNCTHING,
  /**
   * BitTorrent Sync / Resilio Sync, as the original cluster used. Not supported yet: the runtime's
   * volume agent runs Syncthing only (Resilio is in no package registry this project builds from),
   * so choosing it is a compile error ({@code [volume-engine]}).
   */
  BTSYNC
}
