package dev.cluster.runtime.elect;

import dev.cluster.runtime.testing.Processes;

import java.nio.file.Path;
import java.util.List;

/** Two busy loops per core, started as processes of the test (stopped with them), to starve every agent of CPU. */
public final class CpuLoad {

    public static void start(Processes processes, Path logs) {
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < loops; i++) {
            processes.start(List.of("sh", "-c", "while :; do :; done"), logs.resolve("busy-loop.log"));
        }
    }

    private CpuLoad() {
    }
}
