package dev.cluster.processor.validate.rules;

/** How messages show a class that an attribute names. */
final class References {
  private References() {}

  /** {@code test.Helper -> Helper}. */
  static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  /** {@code test.Helper -> Helper.class}, as the user wrote it. */
  static String classLiteral(String qualifiedName) {
    return simpleName(qualifiedName) + ".class";
  }
}
