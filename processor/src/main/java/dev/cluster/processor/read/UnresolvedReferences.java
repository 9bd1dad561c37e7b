package dev.cluster.processor.read;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a class's annotations name a class javac could not resolve ({@code runsOn = Wrokers.class}). javac
 * reports the missing symbol itself; reading such a value would fail (javac hands it over as the string
 * {@code "<error>"} or as an error type), so a cluster holding one is not read until it resolves, which it
 * may in a later round when another processor generates the class.
 */
public final class UnresolvedReferences {
  private UnresolvedReferences() {}

  public static boolean in(Element element) {
    return element.getAnnotationMirrors().stream().anyMatch(UnresolvedReferences::in);
  }

  private static boolean in(AnnotationMirror mirror) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (unresolved(entry.getKey().getReturnType(), entry.getValue())) {
        return true;
      }
    }
    return false;
  }

  private static boolean unresolved(TypeMirror declaredType, AnnotationValue value) {
    Object content = value.getValue();
    if (content instanceof AnnotationMirror nested) {
      return in(nested);
    }
    if (content instanceof List<?> items) {
      TypeMirror itemType = declaredType.getKind() == TypeKind.ARRAY
          ? ((ArrayType) declaredType).getComponentType()
          : declaredType;
      return items.stream().anyMatch(item -> unresolved(itemType, (AnnotationValue) item));
    }
    if (content instanceof TypeMirror type) {
      return type.getKind() == TypeKind.ERROR;
    }
    // A value of a Class attribute that is not a type is javac's placeholder for a class it could not find.
    return isClassType(declaredType);
  }

  private static boolean isClassType(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED && type.toString().startsWith("java.lang.Class");
  }
}
