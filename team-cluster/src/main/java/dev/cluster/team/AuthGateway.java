package dev.cluster.team;

import dev.cluster.annotations.Env;
import dev.cluster.annotations.Health;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/**
 * Signs users in for the front door (nginx's auth_request) and tells every routed service who they
 * are. On the {@link Edge} machines beside the front door, the only ones whose role may read its
 * signing key. One replica: its sessions live in memory, and a lost replica costs a redirect
 * through Keycloak's own single sign-on, not a password.
 */
@Service(
    image = "dev-cluster/auth-gateway:0.1.0",
    runsOn = Edge.class,
    ports = @Port(value = 4180, name = "http"),
    env = @Env(name = "COOKIE_DOMAIN", value = "dev.example.com"))
@dev.cluster.annotations.AuthGateway
@Route(subdomain = "auth")
@Health(path = "/healthz")
public class AuthGateway {}
