package dev.cluster.team;

import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.Env;
import dev.cluster.annotations.Health;
import dev.cluster.annotations.Port;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Service;

/**
 * Upload files and email a link to them (containers/file-drop); one replica, its files on a synced
 * volume.
 */
@Service(
    image = "dev-cluster/file-drop:0.1.0",
    runsOn = Workers.class,
    ports = @Port(value = 8091, name = "http"),
    secrets = {SmtpUsername.class, SmtpPassword.class},
    env = {
      @Env(name = "PUBLIC_URL", value = "https://drop.dev.example.com"),
      @Env(name = "SMTP_HOST", value = "email-smtp.us-west-2.amazonaws.com"),
      @Env(name = "MAIL_FROM", value = "drop@dev.example.com"),
      @Env(name = "MAX_UPLOAD_MB", value = "2048")
    })
@BtsyncVolume(path = "/data/drops")
@Route(subdomain = "drop", maxBodyMb = 2048, allow = Developers.class, openPaths = "/d/")
@Health(path = "/healthz")
public class FileDrop {}
