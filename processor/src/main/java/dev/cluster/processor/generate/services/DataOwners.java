package dev.cluster.processor.generate.services;

import dev.cluster.processor.model.ServiceSpec;
import java.util.OptionalInt;

/**
 * The user id each data engine's upstream image runs as, which must own the engine's data directory
 * on the machine: docker creates a missing bind-mounted directory owned by root, where none of them
 * may write.
 */
public final class DataOwners {
  static final int ELASTICSEARCH_UID = 1000;
  static final int CASSANDRA_UID = 999;
  static final int MONGODB_UID = 999;

  private DataOwners() {}

  public static OptionalInt of(ServiceSpec service) {
    return service
        .dataEngine()
        .map(
            kind ->
                switch (kind) {
                  case ELASTICSEARCH -> OptionalInt.of(ELASTICSEARCH_UID);
                  case CASSANDRA -> OptionalInt.of(CASSANDRA_UID);
                  case MONGODB -> OptionalInt.of(MONGODB_UID);
                })
        .orElse(OptionalInt.empty());
  }
}
