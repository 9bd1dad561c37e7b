package dev.cluster.runtime.deploy.postgres;

import dev.cluster.runtime.deploy.DeployCli;
import dev.cluster.runtime.deploy.TestClusters;

/** The deploy client of the test cluster {@code pgtest} as its own process, for a test that sends it signals. */
public final class HandoverInAChildJvm {
    private HandoverInAChildJvm() {
    }

    public static void main(String[] args) {
        System.exit(DeployCli.run(TestClusters.teamNamed("pgtest"), args));
    }
}
