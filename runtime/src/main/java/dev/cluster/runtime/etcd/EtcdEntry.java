package dev.cluster.runtime.etcd;

/** One key under a watched prefix, with what the agents need of it. */
public record EtcdEntry(String key, String value, long createRevision) {}
