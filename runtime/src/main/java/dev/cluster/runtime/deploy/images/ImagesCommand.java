package dev.cluster.runtime.deploy.images;

import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import dev.cluster.runtime.images.ImageContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code images build} and {@code images push}: the images the cluster's units run that the project builds,
 * each from its folder under {@code containers/} by {@code containers/build.sh}, then tagged with the
 * content tag the units name. A folder whose content is not what the jar was built from is refused before
 * anything is built: its image would not be the one the units run.
 */
public final class ImagesCommand {
    public record Row(String image, String name, String status) {
    }

    public record ImagesReport(List<Row> images) implements Report {
        @Override
        public String text() {
            Table table = new Table("IMAGE", "NAME", "STATUS");
            images.forEach(row -> table.row(row.image(), row.name(), row.status()));
            return table.render();
        }
    }

    private ImagesCommand() {
    }

    public static int build(Request request) {
        List<ManifestImage> images = selected(request);
        Path containers = containers(request);
        images.forEach(image -> checkFresh(containers, image));
        ContainerEngine engine = ContainerEngine.detect(ContainerEngine.systemPath());
        List<Row> rows = new ArrayList<>();
        for (ManifestImage image : images) {
            buildOne(request, engine, containers, image);
            rows.add(new Row(image.folder(), image.localName(), "built"));
        }
        request.console().result(new ImagesReport(rows));
        return ExitCode.OK;
    }

    public static int push(Request request) {
        List<ManifestImage> images = selected(request);
        Path containers = containers(request);
        images.forEach(image -> checkFresh(containers, image));
        try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
            EcrRegistry registry = EcrRegistry.authorize(aws.ecr());
            List<ManifestImage> missing = images.stream().filter(image -> !EcrRegistry.holds(aws.ecr(), image)).toList();
            List<Row> rows = new ArrayList<>();
            if (missing.isEmpty()) {
                images.forEach(image -> rows.add(new Row(image.folder(), image.in(registry.host()), "already in the registry")));
            } else {
                ContainerEngine engine = ContainerEngine.detect(ContainerEngine.systemPath());
                missing.forEach(image -> buildOne(request, engine, containers, image));
                Path credentials = Files.createTempDirectory("images-push-");
                try {
                    engine.login(registry.host(), registry.user(), registry.password(), credentials, registry.plainHttp());
                    for (ManifestImage image : images) {
                        String remote = image.in(registry.host());
                        if (missing.contains(image)) {
                            engine.tag(image.localName(), remote);
                            request.console().info("pushing " + remote);
                            engine.push(remote, credentials, registry.plainHttp());
                        }
                        rows.add(new Row(image.folder(), remote, missing.contains(image) ? "pushed" : "already in the registry"));
                    }
                } finally {
                    deleteTree(credentials);
                }
            }
            request.console().result(new ImagesReport(rows));
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the registry's credentials", e);
        }
    }

    private static List<ManifestImage> selected(Request request) {
        return ImageManifest.select(ImageManifest.read(request.cluster()), request.invocation().operands());
    }

    private static Path containers(Request request) {
        Path containers = Path.of(request.invocation().value(Option.CONTAINERS).orElse("containers")).toAbsolutePath().normalize();
        if (!Files.isExecutable(containers.resolve("build.sh"))) {
            throw new UsageException("no build.sh in " + containers + ": run from the checkout's root, or pass --containers DIR"
                    + " (the checkout's containers/ folder)");
        }
        return containers;
    }

    /** Refuses a folder that changed since the jar was built: its image would not be the one the units name. */
    private static void checkFresh(Path containers, ManifestImage image) {
        Path folder = containers.resolve(image.folder());
        if (!Files.isDirectory(folder)) {
            throw new DeployException("no folder " + folder + " for image " + image.folder());
        }
        String tag = ImageContent.tag(folder);
        if (!tag.equals(image.tag())) {
            throw new DeployException("containers/" + image.folder() + " changed since this jar was built: its content tag is now "
                    + tag + ", the jar's units run " + image.tag() + ". Rebuild the jar (mvn package) to deploy the change,"
                    + " or check out the commit the jar was built from");
        }
    }

    /** {@code build.sh --tag-prefix <cluster>/ FOLDER}, then the content tag on what it built. */
    private static void buildOne(Request request, ContainerEngine engine, Path containers, ManifestImage image) {
        String prefix = image.repository().substring(0, image.repository().length() - image.folder().length());
        List<String> command = List.of(containers.resolve("build.sh").toString(), "--tag-prefix", prefix, image.folder());
        request.console().info("building " + image.folder() + " with " + engine.name() + " (containers/build.sh)");
        List<String> built;
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().close();
            built = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new DeployException("containers/build.sh failed building " + image.folder() + " (exit " + exit + "; its messages are above)");
            }
        } catch (IOException e) {
            throw new DeployException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while building " + image.folder(), e);
        }
        if (built.isEmpty()) {
            throw new DeployException("containers/build.sh built no image for " + image.folder()
                    + " (an image FROM an upstream base is skipped when no registry here has the base; its message is above)");
        }
        engine.tag(built.get(built.size() - 1), image.localName());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the registry's credentials in " + dir, e);
        }
    }
}
