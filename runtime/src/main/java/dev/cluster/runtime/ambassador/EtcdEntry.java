package dev.cluster.runtime.ambassador;

/** One key under a watched prefix, as the ambassador needs it. */
public record EtcdEntry(String key, String value, long createRevision) {
}
