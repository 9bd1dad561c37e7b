package dev.cluster.runtime.deploy.aws;

import com.sun.net.httpserver.HttpExchange;
import dev.cluster.runtime.local.aws.EcrApi;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that speaks ECR's JSON 1.1 protocol (the local
 * cluster's {@link EcrApi}: GetAuthorizationToken and DescribeImages), its token {@code
 * base64(AWS:password)} and its proxy endpoint a real registry's URL; DescribeImages answers from
 * that registry ({@code holds}), for the repositories the stack would have created. It records the
 * actions it was asked for.
 */
public final class InProcessEcrEndpoint extends LoopbackHttpEndpoint {
  public static final String TARGET_PREFIX = EcrApi.TARGET_PREFIX;

  private final EcrApi api;
  private final List<String> targets = new ArrayList<>();

  /**
   * @param holds whether the registry holds {@code (repository, tag)}
   */
  public InProcessEcrEndpoint(
      URI registry, String password, Set<String> repositories, BiPredicate<String, String> holds)
      throws IOException {
    this.api =
        new EcrApi("123456789012", registry, password, Set.copyOf(repositories)::contains, holds);
  }

  public synchronized List<String> targets() {
    return List.copyOf(targets);
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    synchronized (this) {
      targets.add(
          String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
              .replace(TARGET_PREFIX, ""));
    }
    api.handle(exchange);
  }
}
