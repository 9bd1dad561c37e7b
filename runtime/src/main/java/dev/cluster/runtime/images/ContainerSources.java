package dev.cluster.runtime.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The framework's container sources as they ship in the runtime's jar, and so in every cluster's
 * jar: one zip, {@value #RESOURCE}, holding {@code containers/build.sh} with what it runs and, for
 * every image folder, exactly the files its content tag covers ({@link ImageContent#files}), each
 * by its path in the checkout. Unpacked, {@code containers/} builds like the checkout's and every
 * folder has the content tag the processor's index gave it. Zip entries carry no file mode, so the
 * executable files are listed in the entry {@value #EXECUTABLES}.
 *
 * <p>Usage (the runtime's build): {@code ContainerSources CONTAINERS_DIR OUT_ZIP}
 */
public final class ContainerSources {
  public static final String RESOURCE = "dev/cluster/runtime/images/container-sources.zip";

  /**
   * What build.sh needs besides the image folders, by path in the checkout: keycloak's build reads
   * the root pom's keycloak.version.
   */
  static final List<String> BUILD_FILES =
      List.of("containers/build.sh", "scripts/keycloak-dist.sh", "pom.xml");

  static final String EXECUTABLES = "EXECUTABLES";

  /** Fixed entry times: the same sources give the same bytes (the jar is reproducible). */
  private static final long ENTRY_TIME = 1_767_225_600_000L;

  private ContainerSources() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ContainerSources CONTAINERS_DIR OUT_ZIP");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream zip = Files.newOutputStream(out)) {
      pack(Path.of(args[0]), zip);
    }
  }

  /**
   * Zips the sources of every image folder under {@code containers} (a checkout's) and build.sh's
   * files.
   */
  public static void pack(Path containers, OutputStream out) throws IOException {
    Path root = containers.toAbsolutePath().normalize().getParent();
    Map<String, Path> files = new TreeMap<>();
    for (String file : BUILD_FILES) {
      files.put(file, root.resolve(file));
    }
    for (Path folder : ImageTags.folders(containers)) {
      ImageContent.files(folder)
          .values()
          .forEach(
              file ->
                  files.put(
                      root.relativize(file.toAbsolutePath().normalize())
                          .toString()
                          .replace('\\', '/'),
                      file));
    }
    StringBuilder executables = new StringBuilder();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, Path> file : files.entrySet()) {
        put(zip, file.getKey(), Files.readAllBytes(file.getValue()));
        if (Files.isExecutable(file.getValue())) {
          executables.append(file.getKey()).append('\n');
        }
      }
      put(zip, EXECUTABLES, executables.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Writes the zip's files under {@code dir} and returns the unpacked {@code containers/}; refuses
   * an entry that would land outside {@code dir}.
   */
  public static Path unpack(InputStream in, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    Zips.unzip(in, root);
    Path executables = root.resolve(EXECUTABLES);
    if (Files.isRegularFile(executables)) {
      for (String name : Files.readAllLines(executables, StandardCharsets.UTF_8)) {
        if (!name.isBlank() && !root.resolve(name).toFile().setExecutable(true)) {
          throw new IOException("cannot make " + root.resolve(name) + " executable");
        }
      }
      Files.delete(executables);
    }
    return root.resolve("containers");
  }

  /**
   * Unpacks the sources shipped in this jar under {@code dir}; returns the unpacked {@code
   * containers/}.
   */
  public static Path unpackShipped(Path dir) {
    try (InputStream in = ContainerSources.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "this jar holds no "
                + RESOURCE
                + " (the runtime's Maven build packs it"
                + " from containers/); pass --containers DIR, the framework checkout's containers/ folder");
      }
      return unpack(in, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot unpack the container sources shipped in this jar into " + dir, e);
    }
  }

  /**
   * Lays the agents image's libraries where its Containerfile copies them from ({@code
   * agents/target/lib}), when this runtime runs from one jar that also carries every library it
   * uses: a cluster's shaded jar, as its build makes it. Those are the runtime classes whose
   * sources gave the agents image its content tag (the sources are shipped in the same jar), so the
   * image runs the agents the cluster's units name. Otherwise (the runtime on a class path of
   * separate jars or folders) nothing is laid, and build.sh says to build agents from the checkout.
   *
   * @return whether the libraries were laid
   */
  public static boolean layAgentsLibraries(Path containers) {
    Optional<Path> jar =
        codeSource(ContainerSources.class)
            .filter(Files::isRegularFile)
            .filter(
                self ->
                    codeSource(Client.class).equals(Optional.of(self))
                        && codeSource(ObjectMapper.class).equals(Optional.of(self)));
    if (jar.isEmpty() || !Files.isDirectory(containers.resolve("agents"))) {
      return false;
    }
    try {
      Path lib = Files.createDirectories(containers.resolve("agents/target/lib"));
      // build.sh looks for runtime-*.jar there, as Maven lays the runtime's own jar.
      Files.copy(
          jar.get(),
          lib.resolve("runtime-with-libraries.jar"),
          StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay the agents' libraries in " + containers, e);
    }
  }

  private static Optional<Path> codeSource(Class<?> type) {
    try {
      return Optional.ofNullable(type.getProtectionDomain().getCodeSource())
          .map(
              source ->
                  Path.of(URI.create(source.getLocation().toString()))
                      .toAbsolutePath()
                      .normalize());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }
}
