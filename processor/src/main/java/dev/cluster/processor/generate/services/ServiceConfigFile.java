package dev.cluster.processor.generate.services;

/**
 * One generated file of a service's own configuration: its name under {@code config/<service>/}
 * (and so its etcd key and its path on the machine), where the container sees it (mounted
 * read-only), and its text.
 */
public record ServiceConfigFile(String name, String mountPath, String content) {}
