package dev.cluster.runtime.local;

import java.util.List;

/**
 * An image the boot units run from a registry the local machines cannot reach, and the image built
 * from {@code containers/<folder>} (Debian's package of the same program) that each machine's
 * docker gets under the upstream name instead. The tag is whatever the boot files name.
 */
record StandInImage(String folder, String upstreamRepository) {
  static final List<StandInImage> ALL =
      List.of(
          new StandInImage("local-etcd", "quay.io/coreos/etcd"),
          new StandInImage("local-aws-cli", "public.ecr.aws/aws-cli/aws-cli"),
          new StandInImage("local-haproxy", "public.ecr.aws/docker/library/haproxy"));
}
