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
import dev.cluster.runtime.images.ContainerSources;
import dev.cluster.runtime.images.ImageContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code images build} and {@code images push}: the images the cluster's units run that are built from
 * {@code containers/} folders, each by {@code containers/build.sh}, then tagged with the content tag the units
 * name. The sources are the framework's, shipped in the jar ({@link ContainerSources}, unpacked into a temporary
 * folder removed afterwards), or a checkout's {@code --containers DIR}. A folder whose content is not what the
 * jar's units name is refused before anything is built: its image would not be the one the units run.
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
        List<String> bases = bases(request);
        try (Sources sources = Sources.of(request)) {
            images.forEach(sources::checkFresh);
            ContainerEngine engine = ContainerEngine.detect(ContainerEngine.systemPath());
            List<Row> rows = new ArrayList<>();
            for (ManifestImage image : images) {
                buildOne(request, engine, sources.containers(), bases, image);
                rows.add(new Row(image.folder(), image.localName(), "built"));
            }
            request.console().result(new ImagesReport(rows));
            return ExitCode.OK;
        }
    }

    public static int push(Request request) {
        List<ManifestImage> images = selected(request);
        try (Sources sources = Sources.of(request)) {
            images.forEach(sources::checkFresh);
            return push(request, images, sources);
        }
    }

    private static int push(Request request, List<ManifestImage> images, Sources sources) {
        try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
            EcrRegistry registry = EcrRegistry.authorize(aws.ecr());
            List<ManifestImage> missing = images.stream().filter(image -> !EcrRegistry.holds(aws.ecr(), image)).toList();
            List<Row> rows = new ArrayList<>();
            if (missing.isEmpty()) {
                images.forEach(image -> rows.add(new Row(image.folder(), image.in(registry.host()), "already in the registry")));
            } else {
                ContainerEngine engine = ContainerEngine.detect(ContainerEngine.systemPath());
                missing.forEach(image -> buildOne(request, engine, sources.containers(), List.of(), image));
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

    /** build.sh's options for the Debian bases {@code images build} was given. */
    private static List<String> bases(Request request) {
        List<String> args = new ArrayList<>();
        request.invocation().value(Option.BASE_BOOKWORM).ifPresent(base -> args.addAll(List.of("--base-bookworm", base)));
        request.invocation().value(Option.BASE_TRIXIE).ifPresent(base -> args.addAll(List.of("--base-trixie", base)));
        return args;
    }

    /**
     * Where the images' sources are: a checkout's {@code containers/} ({@code --containers DIR}), or the framework's
     * shipped in the jar, unpacked into a temporary folder that {@link #close()} removes.
     */
    private record Sources(Path containers, Optional<Path> unpacked) implements AutoCloseable {
        static Sources of(Request request) {
            Optional<String> given = request.invocation().value(Option.CONTAINERS);
            if (given.isPresent()) {
                Path containers = Path.of(given.get()).toAbsolutePath().normalize();
                if (!Files.isExecutable(containers.resolve("build.sh"))) {
                    throw new UsageException("no build.sh in " + containers + ": --containers names a checkout's containers/ folder");
                }
                return new Sources(containers, Optional.empty());
            }
            Path dir;
            try {
                dir = Files.createTempDirectory("dev-cluster-containers-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a folder to unpack the jar's container sources in", e);
            }
            request.console().info("unpacking the framework's container sources shipped in the jar into " + dir);
            try {
                Path containers = ContainerSources.unpackShipped(dir);
                ContainerSources.layAgentsLibraries(containers);
                return new Sources(containers, Optional.of(dir));
            } catch (RuntimeException e) {
                deleteTree(dir);
                throw e;
            }
        }

        /** Refuses a folder whose content is not what the jar's units run. */
        void checkFresh(ManifestImage image) {
            Path folder = containers.resolve(image.folder());
            if (!Files.isDirectory(folder)) {
                throw new DeployException(unpacked.isPresent()
                        ? "the container sources shipped in this jar have no folder " + image.folder() + ": they hold the"
                                + " framework's images only, so build the team's own with --containers DIR (the checkout's"
                                + " containers/ folder that holds it)"
                        : "no folder " + folder + " for image " + image.folder());
            }
            String tag = ImageContent.tag(folder);
            if (tag.equals(image.tag())) {
                return;
            }
            throw new DeployException(unpacked.isPresent()
                    ? "the container sources shipped in this jar give " + image.folder() + " the content tag " + tag + ", but the"
                            + " jar's units run " + image.tag() + ": the cluster was compiled with a processor of another framework"
                            + " version than the runtime in its jar; build it with one version of both, or pass --containers DIR"
                            + " (the checkout the processor was built from)"
                    : "containers/" + image.folder() + " changed since this jar was built: its content tag is now " + tag
                            + ", the jar's units run " + image.tag() + ". Rebuild the jar (mvn package) to deploy the change,"
                            + " or check out the commit the jar was built from");
        }

        @Override
        public void close() {
            unpacked.ifPresent(ImagesCommand::deleteTree);
        }
    }

    /** {@code build.sh --tag-prefix <cluster>/ FOLDER}, then the content tag on what it built. */
    private static void buildOne(Request request, ContainerEngine engine, Path containers, List<String> bases, ManifestImage image) {
        String prefix = image.repository().substring(0, image.repository().length() - image.folder().length());
        List<String> command = new ArrayList<>(List.of(containers.resolve("build.sh").toString(), "--tag-prefix", prefix));
        command.addAll(bases);
        command.add(image.folder());
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
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
