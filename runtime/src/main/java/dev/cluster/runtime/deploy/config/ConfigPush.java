package dev.cluster.runtime.deploy.config;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.console.Console;
import java.util.List;

/**
 * Stores the cluster's config files in etcd, where the units' {@code config-get} reads them; done
 * before units are submitted or started so that a starting unit finds its files. Puts are
 * idempotent: an unchanged file gets a new revision with the same bytes.
 */
public final class ConfigPush {

  private ConfigPush() {}

  public static int push(
      ClusterDescriptor cluster, List<ConfigFile> files, EtcdConnection etcd, Console console) {
    for (ConfigFile file : files) {
      etcd.put(file.key(), file.content());
    }
    if (!files.isEmpty()) {
      console.info(
          "Stored "
              + files.size()
              + " config file(s) in etcd under /"
              + ConfigFiles.prefix(cluster.name()));
    }
    return files.size();
  }
}
