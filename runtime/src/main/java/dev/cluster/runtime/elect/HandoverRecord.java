package dev.cluster.runtime.elect;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.runtime.etcd.Etcd;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code /elections-handover/<name>}: whether the last leader that started its child is known to
 * have stopped it ({@code stopped <lease>}) or may still run it ({@code running <lease>}), so that
 * a new leader waits the takeover delay only after a leader that did not stop cleanly (crashed,
 * frozen, cut off). No lease: it must outlive the leader that wrote it.
 */
record HandoverRecord(Client client, ByteSequence key) {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  static HandoverRecord of(Client client, String name) {
    return new HandoverRecord(client, Etcd.bytes(EtcdKeys.electionHandover(name)));
  }

  /** True when another lease's leader started its child and did not record stopping it. */
  boolean previousLeaderMayRun(long ownLease) throws Exception {
    List<KeyValue> kvs =
        client.getKVClient().get(key).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getKvs();
    if (kvs.isEmpty()) {
      return false;
    }
    String value = Etcd.text(kvs.get(0).getValue());
    return value.startsWith("running ") && !value.equals(running(ownLease));
  }

  /**
   * Records that this leader starts its child, only while its leader key exists; false when it does
   * not.
   */
  boolean claim(LeaderKey leadership, long lease) throws Exception {
    return client
        .getKVClient()
        .txn()
        .If(new Cmp(leadership.getKey(), Cmp.Op.GREATER, CmpTarget.version(0)))
        .Then(Op.put(key, Etcd.bytes(running(lease)), PutOption.DEFAULT))
        .commit()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .isSucceeded();
  }

  /**
   * Records that this leader's child is stopped, unless a newer leader has claimed the record
   * since.
   */
  void release(long lease, Duration timeout) {
    try {
      client
          .getKVClient()
          .txn()
          .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(Etcd.bytes(running(lease)))))
          .Then(Op.put(key, Etcd.bytes("stopped " + Long.toHexString(lease)), PutOption.DEFAULT))
          .commit()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception unreachable) {
      // the next leader then waits the takeover delay: slower, never unsafe
    }
  }

  private static String running(long lease) {
    return "running " + Long.toHexString(lease);
  }
}
