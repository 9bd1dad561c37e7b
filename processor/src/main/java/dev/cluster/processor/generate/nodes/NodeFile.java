package dev.cluster.processor.generate.nodes;

/**
 * A file the boot configuration writes onto a machine: its absolute path, octal mode and content.
 */
public record NodeFile(String path, int mode, String content) {}
