package dev.cluster.runtime.deploy.config;

import dev.cluster.contract.EtcdKeys;

/**
 * One generated config file: its classpath resource ({@code cluster/<name>/config/...}) and bytes.
 * Its etcd key is {@code /} + the resource path, where {@code config-get} reads it on the nodes.
 */
public record ConfigFile(String resource, byte[] content) {

  public String key() {
    return EtcdKeys.configResource(resource);
  }
}
