package dev.cluster.processor.validate.rules;

/** How messages show a class that an attribute names. */
final class References {
  private References() {}

  /** {@code test.Helper -> Helper}. */
  static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  /**
   * {@code test.Web -> class Web}, and for what an annotation of it derives ({@code test.Web#db},
   * its Postgres) the same class: where to look for a declaration.
   */
  static String declaredIn(String id) {
    int derived = id.indexOf('#');
    return "class " + simpleName(derived < 0 ? id : id.substring(0, derived));
  }

  /** {@code test.Helper -> Helper.class}, as the user wrote it. */
  static String classLiteral(String qualifiedName) {
    return simpleName(qualifiedName) + ".class";
  }
}
