package dev.cluster.runtime.deploy;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the template and unit files the annotation processor put on the classpath. */
public final class ClasspathResource {
  private ClasspathResource() {}

  public static String read(String path) {
    try (InputStream in = open(path)) {
      if (in == null) {
        throw new DeployException(
            "resource "
                + path
                + " is not on the classpath; was the cluster module built with `mvn package`?");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }

  public static boolean exists(String path) {
    try (InputStream in = open(path)) {
      return in != null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }

  private static InputStream open(String path) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    InputStream in = context == null ? null : context.getResourceAsStream(path);
    if (in == null) {
      in = ClusterDescriptor.class.getClassLoader().getResourceAsStream(path);
    }
    return in != null ? in : ClassLoader.getSystemResourceAsStream(path);
  }
}
