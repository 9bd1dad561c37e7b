package dev.cluster.team;

import dev.cluster.annotations.Group;

/**
 * Partners and colleagues who exchange files over SFTP; the only accounts the SFTP server admits.
 */
@Group(description = "People who exchange files over SFTP", name = "sftp-users")
public class SftpUsers {}
