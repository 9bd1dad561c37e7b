package dev.cluster.team;

import dev.cluster.annotations.Secret;

/** What the cluster's machines present to the key service to read a user's SSH keys for sshd. */
@Secret(
    description = "Bearer token of the key service's /authorized-keys (32+ random characters)",
    env = "KEYS_READ_TOKEN")
public class KeysReadToken {}
