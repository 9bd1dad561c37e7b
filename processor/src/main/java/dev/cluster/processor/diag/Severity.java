package dev.cluster.processor.diag;

/**
 * How bad a problem is: an error stops generation; a warning is a risk the cluster still works
 * with.
 */
public enum Severity {
  ERROR,
  WARNING
}
