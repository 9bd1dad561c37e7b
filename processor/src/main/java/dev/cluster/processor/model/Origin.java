package dev.cluster.processor.model;

/**
 * Where a part of the model was declared, for diagnostics only. Generators never look inside; the
 * processor's implementation holds the annotated element and annotation mirror, and models built in
 * tests use {@link #NONE}.
 */
public interface Origin {
  /** A model part built in code, with no source to point at. */
  Origin NONE =
      new Origin() {
        @Override
        public String toString() {
          return "Origin.NONE";
        }
      };
}
