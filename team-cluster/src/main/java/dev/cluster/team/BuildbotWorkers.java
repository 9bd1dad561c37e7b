package dev.cluster.team;

import dev.cluster.annotations.Secret;

/** Who may connect to the Buildbot master as a worker: our Windows and Linux build machines. */
@Secret(
    description = "Buildbot workers as 'name:password' pairs separated by spaces",
    env = "BUILDBOT_WORKERS")
public class BuildbotWorkers {}
