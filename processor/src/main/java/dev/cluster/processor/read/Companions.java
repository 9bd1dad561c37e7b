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
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The annotations that only mean something beside {@code @Service} on the same class: read from a service,
 * they would be silently ignored anywhere else.
 */
public final class Companions {
  public static final Set<String> OF_SERVICE = Set.of(
      ApiProxy.class.getCanonicalName(), ApiProxies.class.getCanonicalName(),
      AuthGateway.class.getCanonicalName(),
      BtsyncVolume.class.getCanonicalName(), BtsyncVolumes.class.getCanonicalName(),
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

  /** A service annotation written on a class that is not a {@code @Service}. */
  public record Orphan(Element element, AnnotationMirror mirror) {
    public String message() {
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getSimpleName().toString();
      return "[companion] @" + name + " belongs beside @Service on the same class, but "
          + element.getSimpleName() + " is not a @Service: add @Service(...) to it, or move @" + name
          + " to the service it is meant for";
    }
  }

  public static List<Orphan> orphansOn(Element element) {
    if (Mirrors.find(element, Service.class.getCanonicalName()).isPresent()) {
      return List.of();
    }
    return element.getAnnotationMirrors().stream()
        .filter(m -> OF_SERVICE.contains(((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString()))
        .map(m -> new Orphan(element, m))
        .toList();
  }
}
