package dev.cluster.runtime.config;

import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.ConfigGet;
import dev.cluster.runtime.agent.AtomicFile;
import dev.cluster.runtime.etcd.Etcd;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code config-get --etcd URLS --key KEY --out FILE [--key KEY --out FILE ...]}: writes the value
 * of each etcd key to its file, atomically. All keys are read in one transaction (one revision, so
 * files that belong together come from the same deploy); if any key is missing, no file is written.
 */
public final class ConfigGetAgent {

  private static final long TIMEOUT_SECONDS = 15;

  public static int run(AgentArgs<ConfigGet> options) throws Exception {
    String endpoints;
    Map<String, Path> outByKey;
    try {
      endpoints = options.required(ConfigGet.ETCD);
      outByKey = pairs(options.all(ConfigGet.KEY), options.all(ConfigGet.OUT));
    } catch (IllegalArgumentException e) {
      System.err.println("config-get: " + e.getMessage());
      return 2;
    }
    List<String> keys = new ArrayList<>(outByKey.keySet());
    TxnResponse read;
    try (Client client = Etcd.connect(endpoints)) {
      read =
          client
              .getKVClient()
              .txn()
              .Then(
                  keys.stream()
                      .map(key -> Op.get(Etcd.bytes(key), GetOption.DEFAULT))
                      .toArray(Op[]::new))
              .commit()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println(
          "config-get: etcd at "
              + endpoints
              + " did not answer within "
              + TIMEOUT_SECONDS
              + " s; nothing written");
      return 1;
    } catch (ExecutionException e) {
      System.err.println(
          "config-get: cannot read from etcd at "
              + endpoints
              + ": "
              + e.getCause()
              + "; nothing written");
      return 1;
    }
    List<GetResponse> values = read.getGetResponses();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (values.get(i).getKvs().isEmpty()) {
        missing.add(keys.get(i));
      }
    }
    if (!missing.isEmpty()) {
      System.err.println(
          "config-get: missing in etcd: "
              + String.join(", ", missing)
              + " (the deploy client's `units submit` stores the cluster's config files); nothing written");
      return 1;
    }
    for (int i = 0; i < keys.size(); i++) {
      Path out = outByKey.get(keys.get(i));
      try {
        AtomicFile.write(
            out, values.get(i).getKvs().get(0).getValue().getBytes(), AtomicFile.WORLD_READABLE);
      } catch (IOException e) {
        System.err.println("config-get: cannot write " + out + ": " + e);
        return 1;
      }
      System.out.println("config-get: " + keys.get(i) + " -> " + out);
    }
    return 0;
  }

  /** The n-th {@code --key} goes to the n-th {@code --out}. */
  static Map<String, Path> pairs(List<String> keys, List<String> outs) {
    if (keys.isEmpty() || keys.size() != outs.size()) {
      throw new IllegalArgumentException(
          "expected --key KEY --out FILE pairs, got "
              + keys.size()
              + " --key and "
              + outs.size()
              + " --out");
    }
    Map<String, Path> outByKey = new LinkedHashMap<>();
    Set<Path> files = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      Path out = Path.of(outs.get(i));
      if (outByKey.put(keys.get(i), out) != null) {
        throw new IllegalArgumentException("--key " + keys.get(i) + " given twice");
      }
      if (!files.add(out.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("--out " + out + " given twice");
      }
    }
    return outByKey;
  }

  private ConfigGetAgent() {}
}
