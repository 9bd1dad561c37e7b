package dev.cluster.processor.write;

import com.palantir.javapoet.JavaFile;
import dev.cluster.processor.generate.GeneratedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Writes generated files through the {@link Filer}: the deploy client's source always, the other
 * files when the class output is not a directory on disk ({@link OutputWriter}).
 */
public final class FilerWriter {
  private final Filer filer;

  public FilerWriter(Filer filer) {
    this.filer = filer;
  }

  /** Writes a generated Java source, attributed to the elements it was generated from. */
  public void write(JavaFile source, List<? extends Element> originatingElements)
      throws IOException {
    String name =
        source.packageName().isEmpty()
            ? source.typeSpec().name()
            : source.packageName() + "." + source.typeSpec().name();
    JavaFileObject out = filer.createSourceFile(name, originatingElements.toArray(new Element[0]));
    try (Writer writer = out.openWriter()) {
      source.writeTo(writer);
    }
  }

  public void write(List<GeneratedFile> files, List<? extends Element> originatingElements)
      throws IOException {
    Element[] origins = originatingElements.toArray(new Element[0]);
    for (GeneratedFile file : files) {
      FileObject out =
          filer.createResource(StandardLocation.CLASS_OUTPUT, "", file.path(), origins);
      try (OutputStream stream = out.openOutputStream()) {
        stream.write(file.content());
      }
    }
  }
}
