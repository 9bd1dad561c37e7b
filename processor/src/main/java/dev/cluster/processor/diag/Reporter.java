package dev.cluster.processor.diag;

import dev.cluster.processor.model.Origin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Prints problems through the {@link Messager}, on the element, annotation mirror and annotation
 * value at fault, so the IDE and javac put the caret on the attribute. An attribute left at its
 * default has no value in the source: the problem then points at the annotation.
 */
public final class Reporter {
  private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

  private final Messager messager;
  private final Optional<SourcePositions> positions;
  private final Element fallback;

  /** {@code fallback} takes problems whose origin is not in the source (models built in code). */
  public Reporter(ProcessingEnvironment env, Element fallback) {
    this.messager = env.getMessager();
    this.positions = SourcePositions.of(env);
    this.fallback = fallback;
  }

  public void report(List<Problem> problems) {
    problems.forEach(this::report);
  }

  public void report(Problem problem) {
    Diagnostic.Kind kind =
        problem.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
    Origin origin = problem.origin();
    if (!(origin instanceof AnnotationOrigin at)) {
      messager.printMessage(kind, problem.message(), fallback);
      return;
    }
    if (problem.clashesWith().isPresent()
        && onlyTheOtherIsCompiled(at, problem.clashesWith().get())) {
      return;
    }
    if (kind == Diagnostic.Kind.WARNING && suppressed(at.element(), problem.message())) {
      return;
    }
    OptionalInt repeatedIndex = indexInContainer(at.element(), at.mirror());
    if (repeatedIndex.isPresent()
        && positions.isPresent()
        && positions
            .get()
            .print(
                kind,
                problem.message(),
                at.element(),
                at.mirror(),
                repeatedIndex.getAsInt(),
                problem.attribute())) {
      return;
    }
    Optional<AnnotationValue> value = resolve(at.mirror(), problem.attribute());
    if (value.isPresent()) {
      messager.printMessage(kind, problem.message(), at.element(), at.mirror(), value.get());
    } else {
      messager.printMessage(kind, problem.message(), at.element(), at.mirror());
    }
  }

  /**
   * Whether the other side of a clash is being compiled from source and {@code at} comes from an
   * earlier build's class file: the other side is then the class just edited, and its own problem
   * says it all.
   */
  private boolean onlyTheOtherIsCompiled(AnnotationOrigin at, Origin other) {
    return other instanceof AnnotationOrigin otherAt
        && positions.isPresent()
        && !positions.get().inSource(at.element())
        && positions.get().inSource(otherAt.element());
  }

  /**
   * Whether the class declaring a warning's cause suppressed its rule with
   * {@code @SuppressWarnings("<tag>")}, as javac's own lint warnings are: a warning the team has
   * judged (e.g. {@code unbuilt-image} on an app another repository builds and pushes). Errors
   * cannot be suppressed. The annotation is kept in sources only, so a class javac reads from its
   * class file (an incremental build) reports the warning again.
   */
  private static boolean suppressed(Element element, String message) {
    if (!message.startsWith("[") || message.indexOf(']') < 0) {
      return false;
    }
    String tag = message.substring(1, message.indexOf(']'));
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().toString().equals("java.lang.SuppressWarnings")) {
        Optional<AnnotationValue> value = explicitValue(mirror, "value");
        if (value.isPresent() && value.get().getValue() instanceof List<?> names) {
          return names.stream().anyMatch(name -> tag.equals(((AnnotationValue) name).getValue()));
        }
      }
    }
    return false;
  }

  /**
   * Where {@code mirror} stands among the repeated annotations of its kind on {@code element}, when
   * it is one of several (held by a container annotation javac made up, which no source position
   * belongs to).
   */
  private static OptionalInt indexInContainer(Element element, AnnotationMirror mirror) {
    if (element.getAnnotationMirrors().contains(mirror)) {
      return OptionalInt.empty();
    }
    for (AnnotationMirror container : element.getAnnotationMirrors()) {
      Optional<AnnotationValue> value = explicitValue(container, "value");
      if (value.isPresent() && value.get().getValue() instanceof List<?> items) {
        for (int i = 0; i < items.size(); i++) {
          if (((AnnotationValue) items.get(i)).getValue() == mirror) {
            return OptionalInt.of(i);
          }
        }
      }
    }
    return OptionalInt.empty();
  }

  /** Follows a path such as {@code ports[1].value} through explicitly written values only. */
  static Optional<AnnotationValue> resolve(AnnotationMirror mirror, String path) {
    if (path.isEmpty()) {
      return Optional.empty();
    }
    AnnotationMirror current = mirror;
    AnnotationValue value = null;
    for (String step : path.split("\\.")) {
      if (current == null) {
        return Optional.ofNullable(value);
      }
      Matcher m = STEP.matcher(step);
      if (!m.matches()) {
        throw new IllegalArgumentException("bad attribute path " + path);
      }
      Optional<AnnotationValue> written = explicitValue(current, m.group(1));
      if (written.isEmpty()) {
        return Optional.ofNullable(value);
      }
      value = written.get();
      if (m.group(2) != null && value.getValue() instanceof List<?> list) {
        int index = Integer.parseInt(m.group(2));
        if (index >= list.size()) {
          return Optional.of(value);
        }
        value = (AnnotationValue) list.get(index);
      }
      current = value.getValue() instanceof AnnotationMirror nested ? nested : null;
    }
    return Optional.of(value);
  }

  private static Optional<AnnotationValue> explicitValue(
      AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }
}
