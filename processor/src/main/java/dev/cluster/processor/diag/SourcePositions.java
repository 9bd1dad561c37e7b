package dev.cluster.processor.diag;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * What javac's source trees tell beyond the {@code Messager}. They put a diagnostic on one of
 * several repeated annotations ({@code @BtsyncVolume} twice on a class): javac holds them in a
 * container annotation that is in no source, so the {@code Messager} cannot place a mirror taken
 * from it and falls back to the class; the source trees still have each annotation as written, in
 * order, so the n-th mirror of the container is the n-th annotation tree of its type. And they tell
 * a class compiled from source in this build (it has a tree) from one read from an earlier build's
 * class file. javac only: under another compiler {@link #of} is empty, a repeated annotation's
 * message lands on the class and every class counts as compiled.
 */
public final class SourcePositions {
  private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

  private final Trees trees;

  private SourcePositions(Trees trees) {
    this.trees = trees;
  }

  public static Optional<SourcePositions> of(ProcessingEnvironment env) {
    try {
      return Optional.of(new SourcePositions(Trees.instance(env)));
    } catch (IllegalArgumentException notJavac) {
      return Optional.empty();
    }
  }

  /**
   * Whether javac compiles {@code element} from source in this build, rather than reading a class
   * file.
   */
  public boolean inSource(Element element) {
    return trees.getPath(element) != null;
  }

  /**
   * Prints the message on the attribute {@code path} of {@code mirror}, when it is the {@code
   * index}-th of the repeated annotations on {@code element}; false when the source gives no place
   * for it.
   */
  boolean print(
      Diagnostic.Kind kind,
      String message,
      Element element,
      AnnotationMirror mirror,
      int index,
      String path) {
    TreePath classPath = trees.getPath(element);
    if (classPath == null || !(classPath.getLeaf() instanceof ClassTree type)) {
      return false;
    }
    String annotationName =
        ((TypeElement) mirror.getAnnotationType().asElement()).getSimpleName().toString();
    List<? extends AnnotationTree> written =
        type.getModifiers().getAnnotations().stream()
            .filter(a -> simpleName(a.getAnnotationType()).equals(annotationName))
            .toList();
    if (index >= written.size()) {
      return false;
    }
    Tree at = attribute(written.get(index), path);
    trees.printMessage(kind, message, at, classPath.getCompilationUnit());
    return true;
  }

  /**
   * The tree of the attribute at {@code path} inside {@code annotation}, or the deepest one
   * written.
   */
  private static Tree attribute(AnnotationTree annotation, String path) {
    Tree current = annotation;
    for (String step : path.isEmpty() ? new String[0] : path.split("\\.")) {
      if (!(current instanceof AnnotationTree nested)) {
        return current;
      }
      Matcher m = STEP.matcher(step);
      if (!m.matches()) {
        return current;
      }
      Optional<ExpressionTree> value = argument(nested, m.group(1));
      if (value.isEmpty()) {
        return current;
      }
      current = value.get();
      if (m.group(2) != null
          && current instanceof NewArrayTree array
          && array.getInitializers() != null) {
        int item = Integer.parseInt(m.group(2));
        if (item < array.getInitializers().size()) {
          current = array.getInitializers().get(item);
        }
      }
    }
    return current;
  }

  private static Optional<ExpressionTree> argument(AnnotationTree annotation, String name) {
    for (ExpressionTree argument : annotation.getArguments()) {
      if (argument instanceof AssignmentTree assignment
          && assignment.getVariable() instanceof IdentifierTree id
          && id.getName().contentEquals(name)) {
        return Optional.of(assignment.getExpression());
      }
      if (!(argument instanceof AssignmentTree) && name.equals("value")) {
        return Optional.of(argument);
      }
    }
    return Optional.empty();
  }

  private static String simpleName(Tree annotationType) {
    String written = annotationType.toString();
    return written.substring(written.lastIndexOf('.') + 1);
  }
}
