package dev.cluster.annotations;

/** Engines that keep a {@link BtsyncVolume} in sync across replicas. */
public enum SyncEngine {
  /** Syncthing: open source; device ids and the folder exchanged through etcd. */
  SYNCTHING,
  /** BitTorrent Sync / Resilio Sync, as the original cluster used; its shared secret kept in etcd. */
  BTSYNC
}
