package dev.cluster.runtime.deploy.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that speaks S3's REST protocol, path style
 * ({@code /BUCKET/KEY}), for PutObject, HeadObject and GetObject, and ListObjectsV2 ({@code GET
 * /BUCKET?list-type=2&prefix=...}, pages of {@link #listPageSize} keys in key order linked by
 * continuation tokens). User metadata ({@code x-amz-meta-*}) is kept with an object and returned by
 * HEAD and GET. Errors are S3's XML ({@code <Error><Code>NoSuchBucket</Code><Message>...}); HEAD
 * answers errors with the status alone (404, 403), as S3 does, since a HEAD response has no body.
 * PUT bodies in the SDK's {@code aws-chunked} encoding (signed chunks, checksum trailer) are
 * decoded, and a CRC32 trailer that does not match the content fails with BadDigest. Signatures are
 * not checked.
 *
 * <p>Buckets exist only once {@link #createBucket} made them. {@link #denyAccess} makes every
 * request to a bucket fail with 403 AccessDenied (a caller without s3:PutObject/GetObject); {@link
 * #denyReads} only GETs and HEADs (a caller who may upload but not read, as CloudFormation then is
 * when it fetches a TemplateURL with that caller's permissions).
 */
public final class InProcessS3Endpoint extends LoopbackHttpEndpoint {
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
  private static final Instant BASE_TIME =
      ZonedDateTime.of(2026, 11, 29, 6, 0, 0, 0, ZoneOffset.UTC).toInstant();

  private final Map<String, Map<String, byte[]>> buckets = new LinkedHashMap<>();
  private final Set<String> denied = new LinkedHashSet<>();
  private final Set<String> readDenied = new LinkedHashSet<>();
  private final List<String> requests = new ArrayList<>();
  private final Map<String, Map<String, String>> metadata = new LinkedHashMap<>();
  private final Map<String, Instant> modified = new LinkedHashMap<>();
  private int listPageSize = 1000;
  private int sequence;

  public InProcessS3Endpoint() throws IOException {}

  public synchronized void createBucket(String bucket) {
    buckets.putIfAbsent(bucket, new LinkedHashMap<>());
  }

  /** Stores an object as someone else uploaded it, with user metadata and a modification time. */
  public synchronized void putObject(
      String bucket,
      String key,
      byte[] content,
      Map<String, String> userMetadata,
      Instant lastModified) {
    buckets.computeIfAbsent(bucket, b -> new LinkedHashMap<>()).put(key, content.clone());
    metadata.put(bucket + "/" + key, Map.copyOf(userMetadata));
    modified.put(bucket + "/" + key, lastModified);
  }

  /** Keys per ListObjectsV2 page (S3's default and maximum is 1000). */
  public synchronized void listPageSize(int size) {
    listPageSize = size;
  }

  public synchronized Map<String, String> metadata(String bucket, String key) {
    return metadata.getOrDefault(bucket + "/" + key, Map.of());
  }

  public synchronized void denyAccess(String bucket) {
    denied.add(bucket);
  }

  public synchronized void denyReads(String bucket) {
    readDenied.add(bucket);
  }

  /** Every request as {@code METHOD /BUCKET/KEY}, in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  public synchronized long count(String method) {
    return requests.stream().filter(r -> r.startsWith(method + " ")).count();
  }

  public synchronized Optional<byte[]> object(String bucket, String key) {
    return Optional.ofNullable(buckets.getOrDefault(bucket, Map.of()).get(key)).map(byte[]::clone);
  }

  /** Keys of the bucket's objects. */
  public synchronized Set<String> keys(String bucket) {
    return Set.copyOf(buckets.getOrDefault(bucket, Map.of()).keySet());
  }

  @Override
  protected synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      requests.add(method + " " + path);
      byte[] body = exchange.getRequestBody().readAllBytes();
      String query = exchange.getRequestURI().getRawQuery();
      String[] parts = path.substring(1).split("/", 2);
      String bucket = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      String key = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
      boolean head = method.equals("HEAD");
      if (!bucket.isEmpty()
          && key.isEmpty()
          && method.equals("GET")
          && query != null
          && query.contains("list-type=2")) {
        if (denied.contains(bucket) || readDenied.contains(bucket)) {
          error(exchange, false, 403, "AccessDenied", "Access Denied", bucket);
        } else if (!buckets.containsKey(bucket)) {
          error(
              exchange, false, 404, "NoSuchBucket", "The specified bucket does not exist", bucket);
        } else {
          list(exchange, bucket, form(query));
        }
        return;
      }
      if (bucket.isEmpty() || key.isEmpty()) {
        error(
            exchange,
            head,
            400,
            "InvalidRequest",
            "only object requests (/BUCKET/KEY) are supported here",
            bucket);
        return;
      }
      boolean read = head || method.equals("GET");
      if (denied.contains(bucket) || read && readDenied.contains(bucket)) {
        error(exchange, head, 403, "AccessDenied", "Access Denied", bucket);
        return;
      }
      Map<String, byte[]> objects = buckets.get(bucket);
      if (objects == null) {
        error(exchange, head, 404, "NoSuchBucket", "The specified bucket does not exist", bucket);
        return;
      }
      switch (method) {
        case "PUT" -> put(exchange, objects, key, body);
        case "HEAD", "GET" -> {
          byte[] object = objects.get(key);
          if (object == null) {
            error(exchange, head, 404, "NoSuchKey", "The specified key does not exist.", bucket);
            return;
          }
          exchange.getResponseHeaders().set("ETag", etag(object));
          exchange
              .getResponseHeaders()
              .set(
                  "Last-Modified",
                  HTTP_DATE.format(lastModified(bucket, key).atZone(ZoneOffset.UTC)));
          metadata(bucket, key)
              .forEach(
                  (name, value) -> exchange.getResponseHeaders().set("x-amz-meta-" + name, value));
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          requestId(exchange);
          if (head) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(object.length));
            exchange.sendResponseHeaders(200, -1);
          } else {
            exchange.sendResponseHeaders(200, object.length);
            exchange.getResponseBody().write(object);
          }
        }
        default ->
            error(
                exchange,
                head,
                405,
                "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
                bucket);
      }
    }
  }

  private void put(HttpExchange exchange, Map<String, byte[]> objects, String key, byte[] body)
      throws IOException {
    String contentSha256 =
        String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-content-sha256"));
    String encoding = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding"));
    byte[] content = body;
    if (contentSha256.startsWith("STREAMING-") || encoding.contains("aws-chunked")) {
      Map<String, String> trailers = new LinkedHashMap<>();
      content = decodeChunks(body, trailers);
      String crc32 = trailers.get("x-amz-checksum-crc32");
      if (crc32 != null && !crc32.equals(crc32(content))) {
        error(
            exchange,
            false,
            400,
            "BadDigest",
            "The CRC32 you specified did not match the calculated checksum.",
            "");
        return;
      }
      String declared = exchange.getRequestHeaders().getFirst("x-amz-decoded-content-length");
      if (declared != null && Long.parseLong(declared) != content.length) {
        error(
            exchange, false, 400, "IncompleteBody", "The request body terminated unexpectedly", "");
        return;
      }
    }
    objects.put(key, content);
    String bucket =
        URLDecoder.decode(
            exchange.getRequestURI().getRawPath().substring(1).split("/", 2)[0],
            StandardCharsets.UTF_8);
    Map<String, String> userMetadata = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (name.toLowerCase(Locale.ROOT).startsWith("x-amz-meta-")) {
                userMetadata.put(
                    name.toLowerCase(Locale.ROOT).substring("x-amz-meta-".length()), values.get(0));
              }
            });
    metadata.put(bucket + "/" + key, userMetadata);
    modified.put(bucket + "/" + key, BASE_TIME.plusSeconds(++sequence));
    exchange.getResponseHeaders().set("ETag", etag(content));
    requestId(exchange);
    exchange.sendResponseHeaders(200, -1);
  }

  private Instant lastModified(String bucket, String key) {
    return modified.getOrDefault(bucket + "/" + key, BASE_TIME);
  }

  /**
   * ListObjectsV2: keys under the prefix in key order, a page at a time; the token is the first key
   * of the next page.
   */
  private void list(HttpExchange exchange, String bucket, Map<String, String> query)
      throws IOException {
    String prefix = query.getOrDefault("prefix", "");
    String start = query.getOrDefault("continuation-token", "");
    boolean urlEncoded = "url".equals(query.get("encoding-type"));
    List<String> keys =
        buckets.get(bucket).keySet().stream()
            .filter(k -> k.startsWith(prefix))
            .sorted()
            .filter(k -> k.compareTo(start) >= 0)
            .toList();
    List<String> page = keys.subList(0, Math.min(listPageSize, keys.size()));
    boolean truncated = keys.size() > page.size();
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>"
                + bucket
                + "</Name><Prefix>"
                + encode(prefix, urlEncoded)
                + "</Prefix><KeyCount>"
                + page.size()
                + "</KeyCount><MaxKeys>"
                + listPageSize
                + "</MaxKeys>"
                + (urlEncoded ? "<EncodingType>url</EncodingType>" : "")
                + "<IsTruncated>"
                + truncated
                + "</IsTruncated>");
    for (String key : page) {
      byte[] object = buckets.get(bucket).get(key);
      xml.append("<Contents><Key>")
          .append(encode(key, urlEncoded))
          .append("</Key><LastModified>")
          .append(DateTimeFormatter.ISO_INSTANT.format(lastModified(bucket, key)))
          .append("</LastModified><ETag>")
          .append(etag(object).replace("\"", "&quot;"))
          .append("</ETag><Size>")
          .append(object.length)
          .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
    }
    if (!start.isEmpty()) {
      xml.append("<ContinuationToken>").append(start).append("</ContinuationToken>");
    }
    if (truncated) {
      xml.append("<NextContinuationToken>")
          .append(keys.get(page.size()))
          .append("</NextContinuationToken>");
    }
    xml.append("</ListBucketResult>");
    byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
    requestId(exchange);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String encode(String text, boolean urlEncoded) {
    return urlEncoded
        ? java.net.URLEncoder.encode(text, StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("%2F", "/")
        : text;
  }

  /**
   * {@code aws-chunked}: {@code HEX-SIZE[;chunk-signature=...]\r\nDATA\r\n} ... {@code
   * 0[;...]\r\n}, then trailer lines {@code name:value\r\n} (the checksum, its signature), which go
   * to {@code trailers}.
   */
  private static byte[] decodeChunks(byte[] body, Map<String, String> trailers) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOfCrLf(body, at);
      String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
      int semicolon = header.indexOf(';');
      int size =
          Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
      at = lineEnd + 2;
      if (size == 0) {
        while (at < body.length) {
          int end = indexOfCrLf(body, at);
          String line = new String(body, at, end - at, StandardCharsets.US_ASCII);
          int colon = line.indexOf(':');
          if (colon > 0) {
            trailers.put(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                line.substring(colon + 1).trim());
          }
          at = end + 2;
        }
        break;
      }
      content.write(body, at, size);
      at += size + 2;
    }
    return content.toByteArray();
  }

  private static int indexOfCrLf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalArgumentException("aws-chunked body without CRLF after offset " + from);
  }

  private void error(
      HttpExchange exchange, boolean head, int status, String code, String message, String bucket)
      throws IOException {
    requestId(exchange);
    if (head) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    String requestId = "s3req-" + sequence;
    byte[] bytes =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message>"
                + (bucket.isEmpty() ? "" : "<BucketName>" + bucket + "</BucketName>")
                + "<RequestId>"
                + requestId
                + "</RequestId><HostId>in-process</HostId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void requestId(HttpExchange exchange) {
    exchange.getResponseHeaders().set("x-amz-request-id", "s3req-" + (++sequence));
    exchange.getResponseHeaders().set("x-amz-id-2", "in-process");
  }

  private static String crc32(byte[] content) {
    CRC32 crc = new CRC32();
    crc.update(content);
    long value = crc.getValue();
    return Base64.getEncoder()
        .encodeToString(
            new byte[] {
              (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
            });
  }

  private static String etag(byte[] content) {
    try {
      return "\""
          + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content))
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
