package dev.cluster.team;

import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.Elected;
import dev.cluster.annotations.Env;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Service;

/**
 * SFTP for the members of sftp-users, each locked into their own folder on a synced volume; their
 * keys are the ones they added at keys.dev.example.com, asked for at every login (a removed key
 * fails at once).
 */
@Service(
    image = "dev-cluster/sftp:9.2",
    replicas = 2,
    runsOn = Workers.class,
    ports = @Port(value = 2222, name = "sftp", openToParameter = "SftpCidr"),
    uses = KeyService.class,
    secrets = KeysReadToken.class,
    env = {
      @Env(name = "SSH_PORT", value = "2222"),
      @Env(name = "SFTP_GROUP", value = "sftp-users")
    })
@Elected
@BtsyncVolume(path = "/srv/sftp")
public class Sftp {}
