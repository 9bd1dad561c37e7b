package dev.cluster.apps.keyservice;

import java.util.List;

/**
 * The self-service page: the user's keys with their fingerprints, a form to add one, a button to
 * remove each.
 */
final class KeyPage {
  private KeyPage() {}

  static String render(String user, List<PublicKey> keys, String message) {
    StringBuilder html =
        new StringBuilder(
            """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>SSH keys</title></head><body>
        """);
    html.append("<h1>SSH keys of ").append(escape(user)).append("</h1>\n");
    if (!message.isEmpty()) {
      html.append("<p class=\"message\">").append(escape(message)).append("</p>\n");
    }
    html.append("<table>\n");
    for (PublicKey key : keys) {
      html.append("<tr><td>")
          .append(escape(key.type()))
          .append("</td><td><code>")
          .append(escape(key.fingerprint()))
          .append("</code></td><td>")
          .append(escape(key.comment()))
          .append("</td><td>")
          .append(
              "<form method=\"post\" action=\"/keys/remove\"><input type=\"hidden\" name=\"fingerprint\" value=\"")
          .append(escape(key.fingerprint()))
          .append("\"><button>Remove</button></form></td></tr>\n");
    }
    html.append("</table>\n");
    html.append(
        """
        <form method="post" action="/keys">
          <label>Public key (the line of your .pub file)<br><textarea name="key" rows="4" cols="80"></textarea></label><br>
          <button>Add key</button>
        </form>
        <p>ed25519, ECDSA, or RSA of at least 3072 bits. A removed key stops working at the next login.</p>
        </body></html>
        """);
    return html.toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
