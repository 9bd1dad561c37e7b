package dev.cluster.runtime.deploy.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that speaks Route 53's REST-XML protocol for
 * ChangeResourceRecordSets ({@code POST /2013-04-01/hostedzone/ZONE/rrset/} with a {@code
 * ChangeResourceRecordSetsRequest} document; answers {@code ChangeInfo}, errors as {@code
 * ErrorResponse}). It records every batch it accepted and can refuse the next requests with {@code
 * Throttling}.
 */
public final class InProcessRoute53Endpoint extends LoopbackHttpEndpoint {
  private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  private static final Pattern RRSET = Pattern.compile("/2013-04-01/hostedzone/([^/]+)/rrset/?");

  /** One record set change as sent: action, name, type, TTL and values in the order sent. */
  public record Change(String action, String name, String type, long ttl, List<String> values) {}

  /** One accepted ChangeResourceRecordSets call. */
  public record Batch(String zone, List<Change> changes) {}

  private final List<Batch> batches = new ArrayList<>();
  private int refusals;
  private int refused;
  private int changeIds;

  public InProcessRoute53Endpoint() throws IOException {}

  public synchronized List<Batch> batches() {
    return List.copyOf(batches);
  }

  /** The next {@code count} requests are answered 400 Throttling. */
  public synchronized void refuseNext(int count) {
    refusals = count;
  }

  public synchronized int refused() {
    return refused;
  }

  @Override
  protected synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = RRSET.matcher(exchange.getRequestURI().getPath());
      if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
        error(
            exchange,
            404,
            "Sender",
            "UnknownOperationException",
            exchange.getRequestMethod() + " " + exchange.getRequestURI());
        return;
      }
      if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
        error(
            exchange, 403, "Sender", "MissingAuthenticationToken", "Missing Authentication Token");
        return;
      }
      if (refusals > 0) {
        refusals--;
        refused++;
        error(exchange, 400, "Sender", "Throttling", "Rate exceeded");
        return;
      }
      Document request;
      try {
        request =
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(exchange.getRequestBody());
      } catch (Exception e) {
        error(exchange, 400, "Sender", "InvalidInput", "not XML: " + e.getMessage());
        return;
      }
      if (!request.getDocumentElement().getTagName().equals("ChangeResourceRecordSetsRequest")) {
        error(exchange, 400, "Sender", "InvalidInput", "expected ChangeResourceRecordSetsRequest");
        return;
      }
      List<Change> changes = new ArrayList<>();
      NodeList changeNodes = request.getElementsByTagName("Change");
      for (int i = 0; i < changeNodes.getLength(); i++) {
        Element change = (Element) changeNodes.item(i);
        Element set = (Element) change.getElementsByTagName("ResourceRecordSet").item(0);
        List<String> values = new ArrayList<>();
        NodeList valueNodes = set.getElementsByTagName("Value");
        for (int v = 0; v < valueNodes.getLength(); v++) {
          values.add(valueNodes.item(v).getTextContent());
        }
        String ttl = text(set, "TTL");
        changes.add(
            new Change(
                text(change, "Action"),
                text(set, "Name"),
                text(set, "Type"),
                ttl == null ? -1 : Long.parseLong(ttl),
                values));
      }
      batches.add(new Batch(path.group(1), changes));
      send(
          exchange,
          200,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<ChangeResourceRecordSetsResponse xmlns=\""
              + NS
              + "\"><ChangeInfo>"
              + "<Id>/change/C"
              + (++changeIds)
              + "</Id><Status>PENDING</Status>"
              + "<SubmittedAt>2026-11-29T07:00:00.000Z</SubmittedAt>"
              + "</ChangeInfo></ChangeResourceRecordSetsResponse>");
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static void error(
      HttpExchange exchange, int status, String type, String code, String message)
      throws IOException {
    send(
        exchange,
        status,
        "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\""
            + NS
            + "\"><Error><Type>"
            + type
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>"
            + "<RequestId>r-1</RequestId></ErrorResponse>");
  }
}
