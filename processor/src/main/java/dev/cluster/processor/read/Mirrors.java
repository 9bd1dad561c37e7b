package dev.cluster.processor.read;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads annotation values through mirrors (never through reflection on annotation proxies, which
 * would need the classes a class literal names to be loadable).
 */
final class Mirrors {
  private final Elements elements;

  Mirrors(Elements elements) {
    this.elements = elements;
  }

  static Optional<AnnotationMirror> find(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** Each repeated annotation, whether written once (bare) or several times (in its container). */
  List<AnnotationMirror> findRepeated(
      Element element, String annotationName, String containerName) {
    Optional<AnnotationMirror> single = find(element, annotationName);
    if (single.isPresent()) {
      return List.of(single.get());
    }
    return find(element, containerName).map(c -> annotations(c, "value")).orElse(List.of());
  }

  AnnotationValue value(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException("no attribute " + attribute + " on " + mirror);
  }

  /** Whether the attribute was written in the source rather than left at its default. */
  static boolean isExplicit(AnnotationMirror mirror, String attribute) {
    return mirror.getElementValues().keySet().stream()
        .anyMatch(key -> key.getSimpleName().contentEquals(attribute));
  }

  String string(AnnotationMirror mirror, String attribute) {
    return (String) value(mirror, attribute).getValue();
  }

  int integer(AnnotationMirror mirror, String attribute) {
    return (Integer) value(mirror, attribute).getValue();
  }

  boolean bool(AnnotationMirror mirror, String attribute) {
    return (Boolean) value(mirror, attribute).getValue();
  }

  String enumConstant(AnnotationMirror mirror, String attribute) {
    return ((Element) value(mirror, attribute).getValue()).getSimpleName().toString();
  }

  List<String> strings(AnnotationMirror mirror, String attribute) {
    return list(mirror, attribute).stream().map(v -> (String) v.getValue()).toList();
  }

  /** Qualified names of the classes a {@code Class<?>} attribute names. */
  String typeName(AnnotationMirror mirror, String attribute) {
    return qualifiedName((TypeMirror) value(mirror, attribute).getValue());
  }

  List<String> typeNames(AnnotationMirror mirror, String attribute) {
    // A class literal javac cannot resolve (a misspelt group) arrives as the string "<error>":
    // javac reports it already, so it is left out here rather than crash the processor.
    return list(mirror, attribute).stream()
        .filter(v -> v.getValue() instanceof TypeMirror)
        .map(v -> qualifiedName((TypeMirror) v.getValue()))
        .toList();
  }

  AnnotationMirror annotation(AnnotationMirror mirror, String attribute) {
    return (AnnotationMirror) value(mirror, attribute).getValue();
  }

  List<AnnotationMirror> annotations(AnnotationMirror mirror, String attribute) {
    return list(mirror, attribute).stream().map(v -> (AnnotationMirror) v.getValue()).toList();
  }

  @SuppressWarnings("unchecked")
  private List<? extends AnnotationValue> list(AnnotationMirror mirror, String attribute) {
    return (List<? extends AnnotationValue>) value(mirror, attribute).getValue();
  }

  private static String qualifiedName(TypeMirror type) {
    if (type instanceof DeclaredType declared) {
      return ((TypeElement) declared.asElement()).getQualifiedName().toString();
    }
    return type.toString();
  }
}
