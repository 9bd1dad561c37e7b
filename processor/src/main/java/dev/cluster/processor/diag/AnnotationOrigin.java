package dev.cluster.processor.diag;

import dev.cluster.processor.model.Origin;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** The element and the annotation on it that declared a part of the model. */
public record AnnotationOrigin(Element element, AnnotationMirror mirror) implements Origin {}
