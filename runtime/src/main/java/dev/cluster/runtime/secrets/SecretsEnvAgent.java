package dev.cluster.runtime.secrets;

import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.SecretsEnv;
import dev.cluster.runtime.agent.AtomicFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@code secrets-env --region REGION --out FILE [--url NAME=TEMPLATE ...] NAME=SECRET_ID ...
 * [--endpoint-url URL]}: reads each secret's current string value from AWS Secrets Manager (the
 * default credential chain: on a node, its instance role) and writes {@code NAME=value} lines to
 * FILE for {@code docker run --env-file}, mode 0600, atomically; then one line per {@code --url},
 * its TEMPLATE with each {@code {VARIABLE}} replaced by that assignment's value percent-encoded (a
 * database's connection URL, whose password must not be in the unit). Either every secret is
 * written or nothing is: a missing secret, or a value an env file cannot hold, leaves FILE as it
 * was.
 */
public final class SecretsEnvAgent {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public static int run(AgentArgs<SecretsEnv> options) {
    Region region;
    Path out;
    Map<String, String> secretIdByName;
    Map<String, UrlTemplate> urls;
    try {
      region = Region.of(options.required(SecretsEnv.REGION));
      out = Path.of(options.required(SecretsEnv.OUT));
      secretIdByName = assignments(options);
      urls = UrlTemplate.parseAll(options.all(SecretsEnv.URL), secretIdByName.keySet());
    } catch (IllegalArgumentException e) {
      System.err.println("secrets-env: " + e.getMessage());
      return 2;
    }
    SdkHttpClient http = UrlConnectionHttpClient.create();
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder()
            .region(region)
            .httpClient(http)
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
    options.optional(SecretsEnv.ENDPOINT_URL).map(URI::create).ifPresent(builder::endpointOverride);
    StringBuilder env = new StringBuilder();
    Map<String, String> values = new LinkedHashMap<>();
    try (http;
        SecretsManagerClient secrets = builder.build()) {
      for (Map.Entry<String, String> assignment : secretIdByName.entrySet()) {
        String name = assignment.getKey();
        String secretId = assignment.getValue();
        GetSecretValueResponse secret;
        try {
          secret = secrets.getSecretValue(r -> r.secretId(secretId));
        } catch (ResourceNotFoundException e) {
          return fail(
              "secret "
                  + secretId
                  + " (for "
                  + name
                  + ") does not exist or has no current value; "
                  + "store it with the deploy client's `secrets set "
                  + secretId
                  + "`");
        } catch (SdkException e) {
          return fail("cannot read secret " + secretId + " (for " + name + "): " + e.getMessage());
        }
        if (secret.secretString() == null) {
          return fail(
              "secret " + secretId + " (for " + name + ") is binary; an env file holds only text");
        }
        String value = secret.secretString();
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
          return fail(
              "secret "
                  + secretId
                  + " (for "
                  + name
                  + ") contains a line break or NUL character; "
                  + "docker's --env-file cannot hold such a value (one NAME=value per line): store it on one line");
        }
        env.append(name).append('=').append(value).append('\n');
        values.put(name, value);
      }
    }
    urls.forEach(
        (name, url) -> env.append(name).append('=').append(url.filled(values)).append('\n'));
    try {
      AtomicFile.write(out, env.toString().getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY);
    } catch (java.io.IOException e) {
      return fail("cannot write " + out + ": " + e.getMessage());
    }
    List<String> written = new ArrayList<>(secretIdByName.keySet());
    written.addAll(urls.keySet());
    System.out.println(
        "secrets-env: wrote "
            + written.size()
            + " variables to "
            + out
            + " ("
            + String.join(", ", written)
            + ")");
    return 0;
  }

  /** {@code NAME=SECRET_ID} operands, kept in order; a name may appear once. */
  static Map<String, String> assignments(AgentArgs<SecretsEnv> options) {
    Map<String, String> secretIdByName = new LinkedHashMap<>();
    for (String operand : options.operands()) {
      int eq = operand.indexOf('=');
      if (eq <= 0 || eq == operand.length() - 1) {
        throw new IllegalArgumentException("expected NAME=SECRET_ID, got: " + operand);
      }
      String name = operand.substring(0, eq);
      if (!isEnvName(name)) {
        throw new IllegalArgumentException("not an environment variable name: " + name);
      }
      if (secretIdByName.put(name, operand.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("variable " + name + " assigned twice");
      }
    }
    if (secretIdByName.isEmpty()) {
      throw new IllegalArgumentException("no NAME=SECRET_ID given");
    }
    return secretIdByName;
  }

  static boolean isEnvName(String name) {
    return ENV_NAME.matcher(name).matches();
  }

  private static int fail(String message) {
    System.err.println("secrets-env: " + message + "; nothing written");
    return 1;
  }

  private SecretsEnvAgent() {}
}
