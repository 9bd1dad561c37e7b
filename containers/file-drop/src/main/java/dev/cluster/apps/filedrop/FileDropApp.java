package dev.cluster.apps.filedrop;

import dev.cluster.apps.common.AppServer;
import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.Settings;
import io.javalin.Javalin;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * File drop: {@code GET /} the upload page and {@code POST /drops} the upload, both for a signed-in
 * user; {@code GET /d/<token>} the download, for anyone with the link (the front door lets {@code
 * /d/} through without a sign-in). Expired files are deleted every minute, whether or not anyone
 * asks for them.
 */
public final class FileDropApp implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FileDropApp.class.getName());

  private final Javalin server;
  private final ScheduledExecutorService sweeper;

  public FileDropApp(FileDropSettings settings, Mailer mailer, Clock clock) {
    DropStore store = new DropStore(settings.storage());
    long maxDays = Math.max(1, settings.linkLifetime().toDays());
    this.server =
        AppServer.create("file-drop", settings.frontDoor(), config -> {})
            .get(
                "/",
                ctx -> {
                  FrontDoorIdentity.required(ctx);
                  ctx.html(UploadPage.form(settings.maxUploadBytes(), maxDays));
                })
            .post("/drops", new UploadHandler(settings, store, mailer, clock, new SecureRandom()))
            .get(DownloadHandler.PATH_PREFIX + "{token}", new DownloadHandler(store, clock));
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "file-drop-sweeper"));
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            store.sweep(clock.instant());
          } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "sweeping expired drops failed; next try in a minute", e);
          }
        },
        1,
        60,
        TimeUnit.SECONDS);
    server.start("0.0.0.0", settings.port());
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    server.stop();
  }

  public static void main(String[] args) {
    FileDropSettings settings = FileDropSettings.from(Settings.fromEnvironment());
    FileDropApp app = new FileDropApp(settings, new SmtpMailer(settings.smtp()), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    LOG.info(
        () ->
            "file drop on port "
                + app.port()
                + ", files in "
                + settings.storage()
                + ", mail via "
                + settings.smtp());
  }
}
