package dev.cluster.apps.filedrop;

import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.SignedInUser;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code POST /drops}: a signed-in user's files, streamed by the parser to the volume, each given
 * its own link, and one email per recipient listing the links.
 */
final class UploadHandler implements Handler {
  private static final Logger LOG = Logger.getLogger(UploadHandler.class.getName());
  // Jetty reads a request's multipart limits from this attribute (Javalin's own upload helper sets
  // it too).
  private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";

  private final FileDropSettings settings;
  private final DropStore store;
  private final Mailer mailer;
  private final Clock clock;
  private final SecureRandom random;
  private final UploadLimit limit;

  UploadHandler(
      FileDropSettings settings, DropStore store, Mailer mailer, Clock clock, SecureRandom random) {
    this.settings = settings;
    this.store = store;
    this.mailer = mailer;
    this.clock = clock;
    this.random = random;
    this.limit = new UploadLimit(settings.maxUploadBytes());
  }

  @Override
  public void handle(Context ctx) throws Exception {
    SignedInUser user = FrontDoorIdentity.required(ctx);
    if (limit.exceededBy(ctx.req().getContentLengthLong())) {
      TooLarge.refuse(ctx, settings.maxUploadBytes());
      return;
    }
    ctx.attribute(MULTIPART_CONFIG, limit.multipartConfig(store.incoming()));
    Collection<Part> parts;
    try {
      parts = ctx.req().getParts();
    } catch (IllegalStateException e) {
      if (!UploadLimit.reportsExceeded(e)) {
        throw e;
      }
      TooLarge.refuse(ctx, settings.maxUploadBytes());
      return;
    } catch (ServletException e) {
      throw new BadRequestResponse("not a multipart form upload");
    }
    UploadForm form;
    try {
      form = UploadForm.read(parts);
    } catch (UploadForm.InvalidForm e) {
      throw new BadRequestResponse(e.getMessage());
    }

    Instant expiresAt = clock.instant().plus(lifetime(form));
    int downloads =
        form.maxDownloads()
            .orElse(settings.maxDownloads() > 0 ? settings.maxDownloads() : Drop.UNLIMITED);
    List<Invitation.SharedFile> shared = new ArrayList<>();
    for (Part file : form.files()) {
      shared.add(
          keep(
              file,
              new Drop(
                  baseName(file.getSubmittedFileName()),
                  file.getSize(),
                  user.name(),
                  expiresAt,
                  downloads)));
    }
    List<String> failed = new ArrayList<>();
    for (String recipient : form.recipients()) {
      try {
        mailer.send(new Invitation(recipient, user.name(), shared, expiresAt));
      } catch (Mailer.MailFailure e) {
        LOG.warning(() -> e.getMessage() + ": " + e.getCause());
        failed.add(recipient);
      }
    }
    LOG.info(
        () ->
            user.name()
                + " shared "
                + shared.size()
                + " file(s) with "
                + form.recipients().size()
                + " recipient(s)");
    ctx.status(failed.isEmpty() ? HttpStatus.CREATED : HttpStatus.BAD_GATEWAY)
        .html(UploadPage.sent(shared, form.recipients(), failed, expiresAt));
  }

  private Duration lifetime(UploadForm form) {
    Duration asked = form.days().map(Duration::ofDays).orElse(settings.linkLifetime());
    return asked.compareTo(settings.linkLifetime()) < 0 ? asked : settings.linkLifetime();
  }

  private Invitation.SharedFile keep(Part file, Drop drop) throws IOException {
    DropToken token = DropToken.generate(random);
    Path content = store.newContentPath(token);
    // Part.write takes a name relative to the multipart location (incoming/, on the same volume):
    // the part's temporary file is renamed into place, not copied.
    file.write(store.incoming().relativize(content).toString());
    store.record(token, drop);
    return new Invitation.SharedFile(drop.fileName(), drop.size(), link(token));
  }

  private URI link(DropToken token) {
    return URI.create(settings.publicUrl() + DownloadHandler.PATH_PREFIX + token.value());
  }

  /** Browsers send a bare name; some older ones the whole client-side path. */
  private static String baseName(String submitted) {
    String name =
        submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
    return name.isBlank() ? "file" : name;
  }
}
