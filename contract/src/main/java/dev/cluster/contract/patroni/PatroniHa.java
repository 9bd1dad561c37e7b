package dev.cluster.contract.patroni;

import java.util.List;
import java.util.Locale;

/**
 * The settings that decide whether an acknowledged write can be lost and how fast a standby takes
 * over. {@link #ZERO_LOSS} is what the cluster's databases run: the processor's generated
 * configuration and the runtime's {@code PatroniYaml} both render it, and the postgres-patroni
 * image's defaults are checked against {@link #settingLines()}.
 *
 * <ul>
 *   <li>{@code synchronous_mode} with {@code synchronous_mode_strict}: a commit is acknowledged
 *       only once a standby has it, and only that standby may be promoted. Strict, because without
 *       it Patroni lets the primary go on alone (asynchronously) when no standby is streaming, and
 *       those writes exist on one machine only. The price: with every standby gone, commits wait
 *       until one is back; with three members that takes two failures at once.
 *   <li>{@code failsafe_mode}: a primary that loses etcd but still reaches every member keeps
 *       running, so an etcd outage does not stop writes.
 *   <li>{@code use_pg_rewind}: a former primary rejoins as a standby (its unacknowledged tail
 *       rewound) without a full copy.
 *   <li>a watchdog in {@code automatic} mode: where {@code /dev/watchdog} exists (softdog on the
 *       cluster's machines), a primary whose Patroni hangs is reset before its leader key expires,
 *       so it cannot resume as a second primary; where none exists Patroni runs without one.
 *   <li>{@code maximum_lag_on_failover}: how far behind (bytes of WAL) an asynchronous standby may
 *       be and still be promoted; irrelevant to a synchronous database, whose synchronous standby
 *       is never behind.
 * </ul>
 */
public record PatroniHa(
    boolean synchronousMode,
    boolean synchronousModeStrict,
    boolean failsafeMode,
    boolean usePgRewind,
    Watchdog watchdog,
    Timing timing,
    long maximumLagOnFailover) {

  public static final PatroniHa ZERO_LOSS =
      new PatroniHa(true, true, true, true, Watchdog.AUTOMATIC, Timing.FAST_FAILOVER, 1048576);

  /** Where Patroni's watchdog is. */
  public static final String WATCHDOG_DEVICE = "/dev/watchdog";

  public PatroniHa {
    if (synchronousModeStrict && !synchronousMode) {
      throw new IllegalArgumentException("synchronous_mode_strict needs synchronous_mode");
    }
  }

  /**
   * These settings for a database declared synchronous or not: an asynchronous one is neither
   * synchronous nor strict, everything else stays.
   */
  public PatroniHa synchronous(boolean synchronous) {
    return new PatroniHa(
        synchronous,
        synchronous && synchronousModeStrict,
        failsafeMode,
        usePgRewind,
        watchdog,
        timing,
        maximumLagOnFailover);
  }

  /**
   * Each setting as the {@code key: value} line Patroni's YAML holds (at whatever indentation), for
   * checking a configuration not rendered from this record (the postgres-patroni image's defaults).
   * Not {@code maximum_lag_on_failover}, whose value is Patroni's default, which the image leaves
   * alone.
   */
  public List<String> settingLines() {
    return List.of(
        "ttl: " + timing.ttl(),
        "loop_wait: " + timing.loopWait(),
        "retry_timeout: " + timing.retryTimeout(),
        "synchronous_mode: " + synchronousMode,
        "synchronous_mode_strict: " + synchronousModeStrict,
        "failsafe_mode: " + failsafeMode,
        "use_pg_rewind: " + usePgRewind,
        "mode: " + watchdog.yaml(),
        "device: " + WATCHDOG_DEVICE,
        "safety_margin: " + Watchdog.SAFETY_MARGIN);
  }

  /**
   * Patroni's {@code watchdog.mode}: {@code off}, {@code automatic} (use it if present) or {@code
   * required}.
   */
  public enum Watchdog {
    OFF,
    AUTOMATIC,
    REQUIRED;

    /** Patroni resets the machine this many seconds before the leader key would expire. */
    public static final int SAFETY_MARGIN = 5;

    public String yaml() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Patroni's HA timing. Patroni refuses a {@code ttl} below 20 s and needs {@code loop_wait + 2 *
   * retry_timeout <= ttl} so that a primary that cannot reach etcd demotes itself before its leader
   * key expires. {@link #FAST_FAILOVER} (20 / 1 / 5) is the fastest Patroni accepts: a standby
   * takes over about 20 s after a primary's machine dies (the leader key's ttl; standbys watch the
   * key, so they act as soon as it expires), where Patroni's defaults (30 / 10 / 10) give 30-40 s.
   * A 1 s loop costs one small etcd write a second per member and lets Patroni react within a
   * second to anything it polls (a new standby to make synchronous, a lost leader key); 5 s of etcd
   * retries ride out an etcd leader election (about 1 s).
   */
  public record Timing(int ttl, int loopWait, int retryTimeout) {

    public static final Timing FAST_FAILOVER = new Timing(20, 1, 5);

    public Timing {
      if (ttl < 20) {
        throw new IllegalArgumentException("Patroni's minimum ttl is 20 s, got " + ttl);
      }
      if (loopWait < 1 || retryTimeout < 3 || loopWait + 2 * retryTimeout > ttl) {
        throw new IllegalArgumentException("need loop_wait + 2 * retry_timeout <= ttl: " + this);
      }
    }
  }
}
