package dev.cluster.team;

import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.Elected;
import dev.cluster.annotations.Health;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.ReadsAccounts;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/**
 * SSH keys as self-service (keys.dev.example.com) and the source of sshd's AuthorizedKeysCommand.
 * The keys are files on a synced volume; only the elected replica runs, so they have one writer. It
 * asks Keycloak at every lookup whether the account still exists and is in the group, so removing
 * one takes effect at once. The cluster's machines ask it too (through the front door, with the
 * token), for the admins' accounts.
 */
@Service(
    image = "dev-cluster/key-service:0.1.0",
    replicas = 2,
    runsOn = Workers.class,
    ports = @Port(value = 8093, name = "http"),
    secrets = KeysReadToken.class)
@Elected
@ReadsAccounts(authorizedKeysToken = KeysReadToken.class)
@BtsyncVolume(path = "/data/keys")
@Route(
    subdomain = "keys",
    allow = {Admins.class, Developers.class, SftpUsers.class})
@Health(path = "/healthz")
public class KeyService {}
