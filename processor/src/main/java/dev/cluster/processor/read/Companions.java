package dev.cluster.processor.read;

import dev.cluster.annotations.ApiProxies;
import dev.cluster.annotations.ApiProxy;
import dev.cluster.annotations.AuthGateway;
import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.BtsyncVolumes;
import dev.cluster.annotations.DataEngine;
import dev.cluster.annotations.Elected;
import dev.cluster.annotations.FrontDoor;
import dev.cluster.annotations.Health;
import dev.cluster.annotations.IdentityProvider;
import dev.cluster.annotations.MariaDb;
import dev.cluster.annotations.OidcClient;
import dev.cluster.annotations.Postgres;
import dev.cluster.annotations.Public;
import dev.cluster.annotations.ReadsAccounts;
import dev.cluster.annotations.Redis;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;
import dev.cluster.processor.diag.AnnotationOrigin;
import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.diag.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The annotations that only mean something beside {@code @Service} on the same class: read from a
 * service, they would be silently ignored anywhere else.
 */
public final class Companions {
  public static final Set<String> OF_SERVICE =
      Set.of(
          ApiProxy.class.getCanonicalName(),
          ApiProxies.class.getCanonicalName(),
          AuthGateway.class.getCanonicalName(),
          BtsyncVolume.class.getCanonicalName(),
          BtsyncVolumes.class.getCanonicalName(),
          DataEngine.class.getCanonicalName(),
          Elected.class.getCanonicalName(),
          FrontDoor.class.getCanonicalName(),
          Health.class.getCanonicalName(),
          IdentityProvider.class.getCanonicalName(),
          MariaDb.class.getCanonicalName(),
          OidcClient.class.getCanonicalName(),
          Postgres.class.getCanonicalName(),
          Public.class.getCanonicalName(),
          ReadsAccounts.class.getCanonicalName(),
          Redis.class.getCanonicalName(),
          Route.class.getCanonicalName());

  private Companions() {}

  /**
   * An error on each service annotation written on {@code element} when it is not a
   * {@code @Service}; each of several repeated ones (held in their container) is its own error, on
   * its own line.
   */
  public static List<Problem> orphansOn(Element element) {
    if (Mirrors.find(element, Service.class.getCanonicalName()).isPresent()) {
      return List.of();
    }
    return element.getAnnotationMirrors().stream()
        .filter(m -> OF_SERVICE.contains(qualifiedName(m)))
        .flatMap(m -> asWritten(m).stream())
        .map(m -> orphan(element, m))
        .toList();
  }

  private static Problem orphan(Element element, AnnotationMirror mirror) {
    String name = mirror.getAnnotationType().asElement().getSimpleName().toString();
    return new Problem(
        Severity.ERROR,
        "[companion] @"
            + name
            + " belongs beside @Service on the same class, but "
            + element.getSimpleName()
            + " is not a @Service: add @Service(...) to it, or move @"
            + name
            + " to the service it is meant for",
        new AnnotationOrigin(element, mirror),
        "");
  }

  /**
   * The annotations a repeatable container holds ({@code @BtsyncVolume} twice), or {@code mirror}
   * itself.
   */
  private static List<AnnotationMirror> asWritten(AnnotationMirror mirror) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value")
          && entry.getValue().getValue() instanceof List<?> items
          && items.stream()
              .allMatch(item -> ((AnnotationValue) item).getValue() instanceof AnnotationMirror)) {
        return items.stream()
            .map(item -> (AnnotationMirror) ((AnnotationValue) item).getValue())
            .toList();
      }
    }
    return List.of(mirror);
  }

  private static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }
}
