package dev.cluster.processor.generate.nodes;

/**
 * The pinned versions the machines install at boot. Flatcar (CoreOS Container Linux's maintained
 * successor) ships Docker but neither fleet nor an etcd with the v2 API, which fleet needs.
 */
public final class NodeVersions {
  private NodeVersions() {}

  /** etcd 3.5 still serves the v2 API behind {@code --enable-v2}; 3.6 removed it. */
  public static final String ETCD_IMAGE = "quay.io/coreos/etcd:v3.5.17";

  public static final String FLEET_URL =
      "https://github.com/coreos/fleet/releases/download/v1.0.0/fleet-v1.0.0-linux-amd64.tar.gz";

  public static final String AWS_CLI_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.22.0";

  public static final String HAPROXY_IMAGE = "public.ecr.aws/docker/library/haproxy:2.8";

  /** fleet's API, on loopback only: the deploy client reaches it through an SSH tunnel. */
  public static final int FLEET_API_PORT = 49153;
}
