package dev.cluster.processor.generate.services;

import dev.cluster.processor.generate.config.frontdoor.FrontDoorConfig;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Optional;

/**
 * Gerrit's {@code gerrit.config} and {@code secure.config}. Gerrit 3 keeps reviews in its git
 * repositories (NoteDb, on the synced volume: {@code gerrit.basePath}); its one database is the
 * account-patch-review store, pointed at its own Postgres through its ambassador. That URL carries
 * the password, so it lives in {@code secure.config} as {@code ${DB_PASSWORD}}, which the image's
 * entrypoint fills from the environment (percent-encoded, as it sits in a URL) when it copies both
 * files into the site ({@code containers/gerrit}).
 *
 * <p>Sign-in: {@code auth.type = HTTP} with the front door's {@value FrontDoorConfig#USER_HEADER}.
 * Gerrit has no OpenID Connect of its own (only through a plugin this project does not ship); its
 * route lets only signed-in members of its groups through, and the front door overwrites the header
 * a client sends. Gerrit cannot check the front door's proof that app-common's apps check, so it
 * listens on 127.0.0.1 only, behind the front door's guard on its HTTP port ({@link GuardedPort}),
 * which believes the header only with the proof.
 */
final class GerritConfig {
  static final String MOUNT_DIR = "/etc/cluster/gerrit/";

  private GerritConfig() {}

  static ServiceConfig of(ClusterModel model, ServiceSpec gerrit) {
    String url = ServiceConfigs.publicUrl(model, gerrit);
    String host = url.substring(url.indexOf("://") + 3);
    GuardedPort guard = GuardedPort.of(gerrit).orElseThrow();
    GitConfigText config =
        new GitConfigText()
            .comment(
                "Gerrit of cluster "
                    + model.cluster().name()
                    + ", generated from the model: do not edit.\n"
                    + "Secrets are in secure.config, filled from the environment when the container starts.")
            .section("gerrit");
    ServiceConfigs.volume(gerrit).ifPresent(path -> config.set("basePath", path));
    config
        .set("canonicalWebUrl", url + "/")
        .section("auth")
        .set("type", "HTTP")
        .set("httpHeader", FrontDoorConfig.USER_HEADER)
        .set("emailFormat", "{0}@" + model.cluster().domain())
        .section("httpd")
        .set("listenUrl", "proxy-https://127.0.0.1:" + guard.backendPort() + "/")
        .section("sshd")
        .set("listenAddress", "*:" + ServiceConfigs.port(gerrit, "ssh", 1))
        .set("advertisedAddress", host + ":" + ServiceConfigs.port(gerrit, "ssh", 1))
        .section("index")
        .set("type", "lucene")
        .section("container")
        .set("user", "gerrit");
    GitConfigText secure =
        new GitConfigText()
            .comment(
                "Gerrit's secrets in cluster "
                    + model.cluster().name()
                    + ": ${NAME} is filled from the"
                    + " environment\n(Secrets Manager, through the unit's secrets-env) when the container starts.");
    Optional<DatabaseAccess> db = DatabaseAccess.of(model, gerrit);
    db.ifPresent(
        d ->
            secure
                .section("accountPatchReviewDb")
                .set(
                    "url",
                    "jdbc:postgresql://"
                        + d.host()
                        + ":"
                        + d.port()
                        + "/"
                        + d.database()
                        + "?user="
                        + d.user()
                        + "&password="
                        + ServiceConfigs.placeholder(d.passwordEnv())));
    return ServiceConfig.files(
        new ServiceConfigFile("gerrit.config", MOUNT_DIR + "gerrit.config", config.text()),
        new ServiceConfigFile("secure.config", MOUNT_DIR + "secure.config", secure.text()));
  }
}
