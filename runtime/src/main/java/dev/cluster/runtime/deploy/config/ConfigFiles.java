package dev.cluster.runtime.deploy.config;

import dev.cluster.contract.ClusterPaths;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The config files the processor generated for a cluster: every classpath resource under {@code
 * cluster/<name>/config/}. The descriptor does not list them, so the class path is scanned: each
 * jar or directory that holds that folder, or the cluster's template, is searched (a jar's entries
 * are listed directly, since a jar need not contain directory entries). Where two class path
 * elements hold the same file, the first wins, as for class loading.
 */
public final class ConfigFiles {

  private ConfigFiles() {}

  public static String prefix(String clusterName) {
    return ClusterPaths.config(clusterName);
  }

  /** Every config file of the cluster, sorted by path; empty when it has none. */
  public static List<ConfigFile> of(ClusterDescriptor cluster) {
    String prefix = prefix(cluster.name());
    ClassLoader loader = loader();
    TreeMap<String, ConfigFile> files = new TreeMap<>();
    try {
      for (URL container : containers(loader, prefix, cluster.templateResource())) {
        for (String resource : list(container, prefix)) {
          if (!files.containsKey(resource)) {
            files.put(resource, new ConfigFile(resource, read(loader, resource)));
          }
        }
      }
    } catch (IOException e) {
      throw new DeployException(
          "cannot list the config files under " + prefix + " on the class path: " + e.getMessage());
    }
    return List.copyOf(files.values());
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ConfigFiles.class.getClassLoader();
  }

  /** URLs of the class path elements to search: jar URLs or the root directory's file URL. */
  private static Set<URL> containers(ClassLoader loader, String prefix, String templateResource)
      throws IOException {
    Set<URL> containers = new LinkedHashSet<>();
    List<URL> anchors = new ArrayList<>(Collections.list(loader.getResources(prefix)));
    Enumeration<URL> templates = loader.getResources(templateResource);
    anchors.addAll(Collections.list(templates));
    for (URL anchor : anchors) {
      String anchored = anchor.toString();
      String resource =
          anchored.endsWith(prefix) || anchored.endsWith(prefix.substring(0, prefix.length() - 1))
              ? prefix
              : templateResource;
      if (anchor.getProtocol().equals("jar")) {
        containers.add(((JarURLConnection) anchor.openConnection()).getJarFileURL());
      } else if (anchor.getProtocol().equals("file")) {
        int at =
            anchored.lastIndexOf(
                resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource);
        if (at > 0) {
          containers.add(new URL(anchored.substring(0, at)));
        }
      }
    }
    return containers;
  }

  private static List<String> list(URL container, String prefix) throws IOException {
    Path path;
    try {
      path = Path.of(container.toURI());
    } catch (URISyntaxException e) {
      throw new IOException("not a file URL: " + container, e);
    }
    List<String> resources = new ArrayList<>();
    if (Files.isDirectory(path)) {
      Path dir = path.resolve(prefix);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.filter(Files::isRegularFile)
              .map(file -> prefix + join(dir.relativize(file)))
              .forEach(resources::add);
        }
      }
    } else if (Files.isRegularFile(path)) {
      try (JarFile jar = new JarFile(path.toFile())) {
        for (JarEntry entry : Collections.list(jar.entries())) {
          if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
            resources.add(entry.getName());
          }
        }
      }
    }
    return resources;
  }

  private static String join(Path relative) {
    List<String> parts = new ArrayList<>();
    relative.forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }

  private static byte[] read(ClassLoader loader, String resource) throws IOException {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " was listed but cannot be read");
      }
      return in.readAllBytes();
    }
  }
}
