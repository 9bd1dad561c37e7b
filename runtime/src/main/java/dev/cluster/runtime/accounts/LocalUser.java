package dev.cluster.runtime.accounts;

/**
 * One line of the system's {@code /etc/passwd}, and whether {@code /etc/shadow} has the account
 * locked or expired.
 */
public record LocalUser(String name, int uid, String home, String shell, boolean locked) {}
