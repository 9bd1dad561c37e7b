package dev.cluster.runtime.local;

import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of a local cluster, built from the checkout's {@code containers/} with its {@code build.sh} when podman
 * lacks them: the machine, the AWS stand-in and the {@link StandInImage}s, on the local Debian bases when those exist
 * (made by the podman recipe; the Containerfiles' pinned public bases otherwise).
 */
final class LocalImages {
    static final String MACHINE = "local-machine";
    static final String AWS = "local-aws";
    private static final List<String> LOCAL_BASES = List.of("bookworm", "trixie");
    private static final Duration BUILD_BOUND = Duration.ofMinutes(30);

    private final Map<String, String> imageOfFolder;

    private LocalImages(Map<String, String> imageOfFolder) {
        this.imageOfFolder = Map.copyOf(imageOfFolder);
    }

    /** Each folder's image as build.sh names it, built where missing. */
    static LocalImages ensure(Podman podman, Path containers, Console console) {
        Path buildSh = containers.resolve("build.sh");
        if (!Files.isExecutable(buildSh)) {
            throw new UsageException("no build.sh in " + containers + ": run from the checkout's root, or pass --containers DIR");
        }
        List<String> folders = new ArrayList<>(List.of(MACHINE, AWS));
        StandInImage.ALL.forEach(image -> folders.add(image.folder()));
        Map<String, String> images = new LinkedHashMap<>();
        for (String line : ProcessRunner.run(List.of(buildSh.toString(), "--list"), BUILD_BOUND).output().split("\n")) {
            String[] folderImage = line.strip().split(" ");
            if (folderImage.length == 2 && folders.contains(folderImage[0])) {
                images.put(folderImage[0], "localhost/" + folderImage[1]);
            }
        }
        if (!images.keySet().containsAll(folders)) {
            throw new DeployException(buildSh + " --list names no image for some of " + folders);
        }
        List<String> missing = folders.stream().filter(folder -> !podman.imageExists(images.get(folder))).toList();
        if (!missing.isEmpty()) {
            console.info("Building the local cluster's images " + missing + " with " + buildSh + " (once; minutes)");
            List<String> command = new ArrayList<>(List.of(buildSh.toString()));
            for (String suite : LOCAL_BASES) {
                if (podman.imageExists("localhost/debian-base:" + suite)) {
                    command.addAll(List.of("--base-" + suite, "localhost/debian-base:" + suite));
                }
            }
            command.addAll(missing);
            ProcessRunner.Result built = ProcessRunner.run(command, BUILD_BOUND);
            if (!built.ok()) {
                throw new DeployException("building " + missing + " failed:\n" + built.all().strip());
            }
        }
        return new LocalImages(images);
    }

    String image(String folder) {
        return imageOfFolder.get(folder);
    }
}
