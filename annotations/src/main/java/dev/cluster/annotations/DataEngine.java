package dev.cluster.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Service} on a DATA node group as a clustered data store, so its configuration
 * (discovery of the group's machines, seeds, replica set) is generated for its engine.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DataEngine {
  /** The engine. */
  Kind value();

  /** The clustered data stores this product knows how to configure. */
  enum Kind {
    ELASTICSEARCH,
    CASSANDRA,
    MONGODB
  }
}
