package dev.cluster.runtime.deploy.aws;

import com.sun.net.httpserver.HttpExchange;
import dev.cluster.runtime.local.aws.SecretsManagerApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not AWS: an in-process HTTP endpoint on 127.0.0.1 that speaks Secrets Manager's JSON 1.1 protocol
 * (the local cluster's {@link SecretsManagerApi}: DescribeSecret, CreateSecret, PutSecretValue,
 * GetSecretValue), recording the targets it was asked for.
 */
public final class InProcessSecretsManagerEndpoint extends LoopbackHttpEndpoint {
  private final SecretsManagerApi api =
      new SecretsManagerApi("eu-west-1", "123456789012", Map.of());
  private final List<String> targets = new ArrayList<>();

  public InProcessSecretsManagerEndpoint() throws IOException {}

  public void putSecret(String name, String value) {
    api.putSecret(name, value);
  }

  public Map<String, String> secrets() {
    return api.secrets();
  }

  public synchronized List<String> targets() {
    return List.copyOf(targets);
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    synchronized (this) {
      targets.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
    }
    api.handle(exchange);
  }
}
