package dev.cluster.processor.read;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a class's annotations hold something javac could not resolve: a class literal ({@code
 * runsOn = Wrokers.class}), a constant ({@code replicas = REPLICAS}, {@code image = Images.WEB}),
 * an annotation type ({@code @Postgress}, {@code ports = @Prt(8080)}). javac reports the missing
 * symbol itself, but still hands the processor the annotation, with a placeholder where the value
 * should be: the string {@code "<error>"} whatever the attribute's type, or an error type. Reading
 * it would crash (an {@code int} that is a string) or report nonsense on top of javac's error
 * ({@code image = "<error>"}), so a cluster holding one is not read until it resolves, which it may
 * in a later round when another processor generates the missing class.
 */
public final class UnresolvedReferences {
  private UnresolvedReferences() {}

  public static boolean in(Element element) {
    return element.getAnnotationMirrors().stream().anyMatch(UnresolvedReferences::in);
  }

  /**
   * The annotations on {@code element} that hold something unresolved, as written:
   * {@code @Service}.
   */
  public static List<String> annotationsOf(Element element) {
    return element.getAnnotationMirrors().stream()
        .filter(UnresolvedReferences::in)
        .map(m -> "@" + m.getAnnotationType().asElement().getSimpleName())
        .toList();
  }

  private static boolean in(AnnotationMirror mirror) {
    if (mirror.getAnnotationType().getKind() == TypeKind.ERROR) {
      return true;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (unresolved(entry.getKey().getReturnType(), entry.getValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code value} is not what an attribute of type {@code declared} holds once resolved.
   */
  private static boolean unresolved(TypeMirror declared, AnnotationValue value) {
    Object content = value.getValue();
    return switch (declared.getKind()) {
      case ARRAY ->
          !(content instanceof List<?> items)
              || items.stream()
                  .anyMatch(
                      item ->
                          unresolved(
                              ((ArrayType) declared).getComponentType(), (AnnotationValue) item));
      case BOOLEAN -> !(content instanceof Boolean);
      case BYTE -> !(content instanceof Byte);
      case SHORT -> !(content instanceof Short);
      case CHAR -> !(content instanceof Character);
      case INT -> !(content instanceof Integer);
      case LONG -> !(content instanceof Long);
      case FLOAT -> !(content instanceof Float);
      case DOUBLE -> !(content instanceof Double);
      case DECLARED -> unresolvedDeclared(declared, value, content);
      default -> false;
    };
  }

  private static boolean unresolvedDeclared(
      TypeMirror declared, AnnotationValue value, Object content) {
    if (content instanceof AnnotationMirror nested) {
      return in(nested);
    }
    if (content instanceof TypeMirror type) {
      return type.getKind() == TypeKind.ERROR;
    }
    if (content instanceof VariableElement constant) {
      return constant.getKind() != ElementKind.ENUM_CONSTANT;
    }
    if (content instanceof String && declared.toString().equals(String.class.getName())) {
      // javac's placeholder is a String too; AnnotationValue.toString gives a value's source form,
      // which for a real string is a quoted literal and for the placeholder is the bare "<error>".
      return !value.toString().startsWith("\"");
    }
    // A class, an enum constant or an annotation arrives as its mirror; anything else is the
    // placeholder.
    return true;
  }
}
