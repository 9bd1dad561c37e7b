package dev.cluster.apps.filedrop;

import java.time.Instant;
import java.util.List;

/** The two pages a sender sees: the upload form, and what was sent to whom. */
final class UploadPage {
  private UploadPage() {}

  static String form(long maxUploadBytes, long maxDays) {
    return page(
        "File drop",
        """
        <form method="post" action="/drops" enctype="multipart/form-data">
          <p><label>Files (at most %d MB together)<br><input type="file" name="files" multiple required></label></p>
          <p><label>Recipients (email addresses, one per line)<br><textarea name="recipients" rows="4" cols="50" required></textarea></label></p>
          <p><label>Links work for <input type="number" name="days" min="1" max="%d" value="%d"> days</label></p>
          <p><label>Downloads allowed per link (empty: no limit) <input type="number" name="maxDownloads" min="1"></label></p>
          <p><button>Send</button></p>
        </form>
        """
            .formatted(maxUploadBytes / (1024 * 1024), maxDays, maxDays));
  }

  static String sent(
      List<Invitation.SharedFile> files,
      List<String> recipients,
      List<String> failed,
      Instant expiresAt) {
    StringBuilder body = new StringBuilder("<ul>");
    files.forEach(
        f ->
            body.append("<li>")
                .append(escape(f.fileName()))
                .append(" (")
                .append(f.size())
                .append(" bytes)</li>"));
    body.append("</ul><p>Sent to ")
        .append(escape(String.join(", ", recipients)))
        .append("; the links work until ")
        .append(expiresAt)
        .append(".</p>");
    if (!failed.isEmpty()) {
      body.append("<p><strong>The mail to ")
          .append(escape(String.join(", ", failed)))
          .append(" was not accepted; send again.</strong></p>");
    }
    return page("Sent", body + "<p><a href=\"/\">Send more</a></p>");
  }

  private static String page(String title, String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
        + title
        + "</title></head><body><h1>"
        + title
        + "</h1>"
        + body
        + "</body></html>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
