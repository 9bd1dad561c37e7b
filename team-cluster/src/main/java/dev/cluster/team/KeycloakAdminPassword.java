package dev.cluster.team;

import dev.cluster.annotations.Secret;

/**
 * The password of Keycloak's first administrator, {@code admin} of realm master, which Keycloak
 * creates at its first start; {@code team-cluster.jar users} signs in with it.
 */
@Secret(
    description = "Password of Keycloak's admin account (realm master)",
    env = "KC_BOOTSTRAP_ADMIN_PASSWORD")
public class KeycloakAdminPassword {}
