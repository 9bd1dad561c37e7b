package dev.cluster.processor.model;

/**
 * The clustered stores whose configuration the processor generates ({@code @DataEngine}'s kinds).
 */
public enum DataEngineKind {
  ELASTICSEARCH,
  CASSANDRA,
  MONGODB
}
