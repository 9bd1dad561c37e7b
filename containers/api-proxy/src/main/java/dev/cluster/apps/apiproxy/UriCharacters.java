package dev.cluster.apps.apiproxy;

import io.javalin.http.BadRequestResponse;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.function.IntPredicate;

/**
 * What RFC 3986 lets a path segment and a query carry as they are; everything else only
 * percent-encoded. A client's path and query are checked against these before anything is built
 * from them, so that a character a URL cannot hold is the client's 400, not the proxy's failure.
 */
final class UriCharacters {
  private static final String SUB_DELIMS = "!$&'()*+,;=";

  private UriCharacters() {}

  static boolean isSegmentCharacter(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == ':'
        || c == '@'
        || SUB_DELIMS.indexOf(c) >= 0;
  }

  static boolean isQueryCharacter(int c) {
    return isSegmentCharacter(c) || c == '/' || c == '?';
  }

  /**
   * The bytes {@code raw} stands for, or a 400 naming {@code where} and the character if {@code
   * raw} holds one that {@code literal} does not allow, or a {@code %} not followed by two hex
   * digits.
   */
  static byte[] percentDecode(String raw, IntPredicate literal, String where) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()
            || !HexFormat.isHexDigit(raw.charAt(i + 1))
            || !HexFormat.isHexDigit(raw.charAt(i + 2))) {
          throw new BadRequestResponse(
              where + " has a '%' at character " + (i + 1) + " not followed by two hex digits");
        }
        bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
        i += 2;
      } else if (literal.test(c)) {
        bytes.write(c);
      } else {
        throw new BadRequestResponse(
            where
                + " holds "
                + shown(c)
                + " at character "
                + (i + 1)
                + ", which a URL carries only percent-encoded");
      }
    }
    return bytes.toByteArray();
  }

  private static String shown(char c) {
    return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
