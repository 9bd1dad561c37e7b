package dev.cluster.runtime.volume;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.Volume;
import dev.cluster.runtime.agent.TiedChild;
import dev.cluster.runtime.etcd.Etcd;
import dev.cluster.runtime.etcd.EtcdEntry;
import dev.cluster.runtime.etcd.PrefixWatcher;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code volume --etcd URLS --service S --path-id P --instance I --dir DIR --home HOME --listen
 * tcp://H:PORT --gui H:PORT [--advertise tcp://H:PORT] [--syncthing syncthing]}: keeps DIR synced
 * between the replicas of a service with the real Syncthing. The folder ID is created once in
 * {@code /volumes/S/P/folder}; each replica publishes its device ID and address in {@code
 * /volumes/S/P/devices/I} (without a lease: a replica that is down must stay a peer so it catches
 * up when it returns) and shares the folder with every other replica found there. Only Syncthing is
 * supported; the agent exits non-zero when Syncthing exits.
 */
public final class VolumeAgent {

  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private static final int SHARE_ATTEMPTS = 20;

  public static int run(AgentArgs<Volume> options) throws Exception {
    String prefix =
        EtcdKeys.volume(options.required(Volume.SERVICE), options.required(Volume.PATH_ID));
    String instance = options.required(Volume.INSTANCE);
    Path dir = Path.of(options.required(Volume.DIR));
    Path home = Path.of(options.required(Volume.HOME));
    String listen = options.required(Volume.LISTEN);
    String gui = options.required(Volume.GUI);
    String syncthing = options.get(Volume.SYNCTHING, "syncthing");
    Files.createDirectories(dir.resolve(".stfolder"));
    Files.createDirectories(home);

    String deviceId = deviceId(syncthing, home);
    String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    try (Client client = Etcd.connect(options.required(Volume.ETCD))) {
      String folderId =
          folderId(
              client,
              prefix,
              options.required(Volume.SERVICE) + "-" + options.required(Volume.PATH_ID) + "-");
      Peer self = new Peer(instance, deviceId, options.get(Volume.ADVERTISE, listen));
      client
          .getKVClient()
          .put(Etcd.bytes(prefix + "devices/" + instance), Etcd.bytes(self.toJson()))
          .get(10, TimeUnit.SECONDS);

      Path config = home.resolve("config.xml");
      Files.writeString(
          config,
          new SyncthingConfig(deviceId, instance, folderId, dir.toString(), listen, gui, apiKey)
              .render());
      TiedChild engine =
          TiedChild.start(
              List.of(
                  syncthing,
                  "serve",
                  "--home=" + home,
                  "--no-browser",
                  "--no-restart",
                  "--no-upgrade",
                  "--logflags=3"),
              // STMONITORED: run the worker directly, without Syncthing's monitor parent process,
              // so that stopping (or kill -9 of) this agent reaches the process that actually syncs
              Map.of(
                  "STMONITORED",
                  "1",
                  "STNORESTART",
                  "1",
                  "STNOUPGRADE",
                  "1",
                  "STNODEFAULTFOLDER",
                  "1"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> engine.stop(Duration.ofSeconds(5))));
      SyncthingRest rest = new SyncthingRest(gui, apiKey);
      awaitReady(rest, engine);

      try (PrefixWatcher peers =
          new PrefixWatcher(
              client, prefix + "devices/", entries -> share(rest, self, folderId, entries))) {
        peers.start();
        System.out.println(
            "volume: " + dir + " synced as folder " + folderId + " by device " + deviceId);
        int exit = engine.process().waitFor();
        System.err.println("volume: syncthing exited with " + exit);
        return exit == 0 ? 1 : exit;
      }
    }
  }

  private static void share(
      SyncthingRest rest, Peer self, String folderId, Collection<EtcdEntry> entries) {
    List<Peer> others = new ArrayList<>();
    for (EtcdEntry entry : entries) {
      try {
        Peer peer = Peer.fromJson(entry.value());
        if (!peer.deviceId().equals(self.deviceId())) {
          others.add(peer);
        }
      } catch (IllegalArgumentException unreadable) {
        System.err.println("volume: ignoring " + entry.key() + ": " + unreadable.getMessage());
      }
    }
    for (int attempt = 1; attempt <= SHARE_ATTEMPTS; attempt++) {
      try {
        rest.shareWith(self.deviceId(), folderId, others);
        System.out.println("volume: sharing with " + others.stream().map(Peer::name).toList());
        return;
      } catch (IOException e) {
        System.err.println(
            "volume: could not update Syncthing's peers (attempt "
                + attempt
                + "): "
                + e.getMessage());
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * The folder ID of this volume: the first replica creates it ({@code stem} and random hex), every
   * other one reads it.
   */
  private static String folderId(Client client, String prefix, String stem) throws Exception {
    var key = Etcd.bytes(prefix + "folder");
    String candidate = stem + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    client
        .getKVClient()
        .txn()
        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0)))
        .Then(Op.put(key, Etcd.bytes(candidate), PutOption.DEFAULT))
        .commit()
        .get(10, TimeUnit.SECONDS);
    return Etcd.text(
        client.getKVClient().get(key).get(10, TimeUnit.SECONDS).getKvs().get(0).getValue());
  }

  /**
   * Creates the device key pair on first use, then reads the device ID Syncthing derives from it.
   */
  private static String deviceId(String syncthing, Path home)
      throws IOException, InterruptedException {
    if (!Files.exists(home.resolve("cert.pem"))) {
      run(
          List.of(
              syncthing,
              "generate",
              "--home=" + home,
              "--no-default-folder",
              "--skip-port-probing"));
    }
    return run(List.of(syncthing, "serve", "--device-id", "--home=" + home)).strip();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(command + " exited with " + process.exitValue());
    }
    return output;
  }

  private static void awaitReady(SyncthingRest rest, TiedChild engine) throws Exception {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (!rest.ready()) {
      if (!engine.alive() || System.nanoTime() > deadline) {
        engine.stop(Duration.ofSeconds(2));
        throw new IOException("Syncthing's REST API did not answer within " + READY_WITHIN);
      }
      Thread.sleep(100);
    }
  }

  private VolumeAgent() {}
}
