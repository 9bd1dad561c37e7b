package dev.cluster.processor.testing;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * A small valid cluster as source files in package {@code test}, for compile-testing: tests replace
 * or add one class to make exactly one thing wrong. Each class is its own file, so diagnostics can
 * be asserted by file and line.
 */
public final class ClusterSources {
  private final Map<String, JavaFileObject> files = new LinkedHashMap<>();

  private ClusterSources() {}

  /**
   * Cluster {@code demo}; MAIN group {@code Main} of 3; WORKER group {@code Workers} of 2..4;
   * service {@code Web}.
   */
  public static ClusterSources valid() {
    return new ClusterSources()
        .with(
            "Demo",
            """
            @Cluster(name = "demo", domain = "demo.example.com", region = "eu-west-1",
                zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"})
            public class Demo {}
            """)
        .with(
            "Main",
            """
            @NodeGroup(role = Role.MAIN, size = 3, instanceTypes = {"m6i.large", "m6a.large"})
            public class Main {}
            """)
        .with(
            "Workers",
            """
            @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large", "m6a.large"})
            public class Workers {}
            """)
        .with(
            "Web",
            """
            @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
                ports = @Port(value = 8080, name = "http"))
            public class Web {}
            """);
  }

  /**
   * {@link #valid()} with sign-in: the front door {@code Door} (nginx, on Workers), the identity
   * provider {@code Keycloak} (realm {@code demo}, at {@code id.}) and the auth gateway {@code
   * Gateway} (at {@code auth.}).
   */
  public static ClusterSources withSignIn() {
    return valid()
        .with(
            "Door",
            """
            @Service(image = "example/nginx:1.27", replicas = 2, runsOn = Workers.class,
                ports = {@Port(80), @Port(443)})
            @Public(reason = "the front door")
            @FrontDoor
            public class Door {}
            """)
        .with(
            "Keycloak",
            """
            @Service(image = "example/keycloak:26.5.6", runsOn = Workers.class, ports = @Port(value = 8081, name = "http"))
            @IdentityProvider(realm = "demo")
            @Route(subdomain = "id")
            public class Keycloak {}
            """)
        .with(
            "Gateway",
            """
            @Service(image = "example/auth-gateway:0.1.0", runsOn = Workers.class, ports = @Port(value = 4180, name = "http"))
            @AuthGateway
            @Route(subdomain = "auth")
            public class Gateway {}
            """);
  }

  /**
   * Adds or replaces the class {@code test.<name>}; the body may use every annotation unqualified.
   */
  public ClusterSources with(String simpleName, String body) {
    files.put(
        simpleName,
        JavaFileObjects.forSourceString(
            "test." + simpleName, "package test;\n\nimport dev.cluster.annotations.*;\n\n" + body));
    return this;
  }

  public ClusterSources without(String simpleName) {
    files.remove(simpleName);
    return this;
  }

  public JavaFileObject file(String simpleName) {
    JavaFileObject file = files.get(simpleName);
    if (file == null) {
      throw new IllegalArgumentException("no class " + simpleName + " in " + files.keySet());
    }
    return file;
  }

  public List<JavaFileObject> all() {
    return new ArrayList<>(files.values());
  }
}
