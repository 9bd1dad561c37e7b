package dev.cluster.apps.apiproxy;

import io.javalin.http.BadRequestResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A client's request path, decoded once and judged as the upstream would see it, so that the
 * allowlist checks the very path the upstream will serve. An upstream decodes and resolves what it
 * gets: {@code ..%2f..%2faccount} below an allowed {@code /forecast/} would be its {@code
 * /account}. So a segment that decodes to {@code .} or {@code ..} (also before a {@code ;}), or
 * that holds an encoded separator ({@code /}, {@code \}), a {@code %} (double encoding), a control
 * character or bytes that are not UTF-8, is refused with 400 and never forwarded. The upstream gets
 * the decoded segments encoded afresh.
 */
final class RequestPath {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private RequestPath() {}

  /**
   * The decoded path, {@code /}-separated segments none of which holds a separator or a dot-segment
   * trick.
   */
  static String decode(String rawPath) {
    if (!rawPath.startsWith("/")) {
      throw new BadRequestResponse("the request path does not start with /");
    }
    String[] segments = rawPath.substring(1).split("/", -1);
    List<String> decoded = new ArrayList<>(segments.length);
    for (int i = 0; i < segments.length; i++) {
      decoded.add(segment(segments[i], i + 1));
    }
    return "/" + String.join("/", decoded);
  }

  /**
   * The decoded path as the upstream gets it: each segment percent-encoded except what a segment
   * may carry.
   */
  static String encode(String decodedPath) {
    StringBuilder encoded = new StringBuilder(decodedPath.length() + 16);
    for (byte b : decodedPath.getBytes(StandardCharsets.UTF_8)) {
      if (b == '/' || UriCharacters.isSegmentCharacter(b)) {
        encoded.append((char) b);
      } else {
        encoded.append('%').append(HEX.toHexDigits(b));
      }
    }
    return encoded.toString();
  }

  private static String segment(String raw, int position) {
    byte[] bytes =
        UriCharacters.percentDecode(
            raw, UriCharacters::isSegmentCharacter, "path segment " + position);
    String text = utf8(bytes, position);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' || c == '\\') {
        throw refused(position, "encodes a path separator '" + c + "'");
      }
      if (c == '%') {
        throw refused(position, "encodes a '%' (double encoding)");
      }
      if (Character.isISOControl(c)) {
        throw refused(position, "encodes a control character");
      }
    }
    String beforeParameters = text.split(";", 2)[0];
    if (beforeParameters.equals(".") || beforeParameters.equals("..")) {
      throw refused(position, "is a '" + beforeParameters + "' segment");
    }
    return text;
  }

  private static String utf8(byte[] bytes, int position) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw refused(position, "decodes to bytes that are not UTF-8");
    }
  }

  private static BadRequestResponse refused(int position, String why) {
    return new BadRequestResponse(
        "path segment " + position + " " + why + ": refused, not forwarded");
  }
}
