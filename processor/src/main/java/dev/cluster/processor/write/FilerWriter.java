package dev.cluster.processor.write;

import dev.cluster.processor.generate.GeneratedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/** Writes generated files through the {@link Filer} into the class output, so they end up in the jar. */
public final class FilerWriter {
  private final Filer filer;

  public FilerWriter(Filer filer) {
    this.filer = filer;
  }

  public void write(List<GeneratedFile> files, List<? extends Element> originatingElements) throws IOException {
    Element[] origins = originatingElements.toArray(new Element[0]);
    for (GeneratedFile file : files) {
      FileObject out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", file.path(), origins);
      try (OutputStream stream = out.openOutputStream()) {
        stream.write(file.content());
      }
    }
  }
}
