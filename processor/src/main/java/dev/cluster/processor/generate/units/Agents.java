package dev.cluster.processor.generate.units;

import dev.cluster.processor.model.Images;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runtime agents' command lines, all in one place: the units run them from {@link Images#AGENTS} in a
 * container on the host's network (they talk to the machine's etcd endpoint, {@value #ETCD}, through the
 * v3 API). The runtime agents implement exactly these:
 *
 * <pre>
 * secrets-env --region REGION --out FILE NAME=SECRET_ID ...
 *     Reads each secret from AWS Secrets Manager and writes NAME=value lines to FILE (mode 0600), for
 *     docker run --env-file. Secret ids are {@code <cluster>/<secret name>}.
 * config-get --etcd URL --key KEY --out FILE [--key KEY --out FILE ...]
 *     Writes the value of each etcd key to its FILE. The deploy engine stores every file of the output's
 *     {@code cluster/<name>/config/} under the key {@code /cluster/<name>/config/...}.
 * presence --service S --instance I --address IP --port P --ttl 10 --etcd URL
 *          [--health-path PATH --health-port P] [--public]
 *     While the probe passes (HTTP 2xx/3xx on PATH at IP:health-port, else TCP connect to IP:P), keeps the
 *     key /services/S/instances/I = {"address":IP,"port":P[,"publicAddress":...]} alive under a lease of
 *     the TTL; with --public it adds the machine's public IPv4 (from the instance metadata).
 * elect --name S --ttl T --etcd URL -- COMMAND ...
 *     Campaigns in the etcd election S with a lease of T seconds; once leader, runs COMMAND and resigns when
 *     it exits; kills COMMAND when the lease cannot be renewed. Forwards SIGTERM to COMMAND. COMMAND is a
 *     {@code docker run} of the app: the image carries the docker CLI, the unit mounts the host's
 *     /var/run/docker.sock and /run/cluster (read-only, for --env-file).
 * ambassador --config FILE --etcd URL
 *     Starts HAProxy on the config FILE names, then keeps its server slots equal to the used service's
 *     instances through HAProxy's admin socket (set server ... addr/enable/disable): those announced under
 *     the JSON's discovery.etcdPrefix, or, for a DATA group's service, the running EC2 instances with the
 *     JSON's discovery.ec2Tags (ec2:DescribeInstances, as cluster-peers does).
 * sync-engine --engine syncthing|btsync --listen PORT --home DIR --etcd URL
 *     Runs the machine's one sync engine for every synced volume on it.
 * sync-volume --engine syncthing|btsync --service S --volume NAME --instance I --path DIR --etcd URL
 *     Shares DIR with the same volume of S's other instances through the machine's sync engine, exchanging
 *     device ids (Syncthing) or the shared secret (btsync) under /volumes/S/NAME/ in etcd.
 * dns-updater --zone ZONE_ID --name NAME ... --service S --etcd URL
 *     Keeps A records for each NAME in the Route 53 hosted zone equal to the publicAddress of S's
 *     announced instances.
 * </pre>
 */
public final class Agents {
  public static final String ETCD = "http://127.0.0.1:2379";
  /** Agents run with their TTL short enough that a dead instance leaves the ambassadors within seconds. */
  public static final int PRESENCE_TTL_SECONDS = 10;

  private Agents() {}

  /** {@code docker run --rm --name NAME --net=host AGENTS} and then the agent's arguments. */
  static DockerRun.Builder onHost(String containerName) {
    return DockerRun.container(containerName).network("host");
  }

  static DockerRun secretsEnv(String containerName, String region, String outFile, List<String> assignments) {
    String dir = parent(outFile);
    List<String> args = new ArrayList<>(List.of("secrets-env", "--region", ExecArgs.literal(region), "--out", outFile));
    assignments.stream().map(ExecArgs::literal).forEach(args::add);
    return onHost(containerName).volume(dir, dir, false).image(Images.AGENTS, args.toArray(String[]::new));
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  /** Fetches each key into its file; the files share one directory. */
  static DockerRun configGet(String containerName, Map<String, String> outFileByKey) {
    String dir = parent(outFileByKey.values().iterator().next());
    List<String> args = new ArrayList<>(List.of("config-get", "--etcd", ETCD));
    outFileByKey.forEach((key, out) -> args.addAll(List.of("--key", ExecArgs.literal(key), "--out", ExecArgs.literal(out))));
    return onHost(containerName).volume(dir, dir, false).image(Images.AGENTS, args.toArray(String[]::new));
  }
}
