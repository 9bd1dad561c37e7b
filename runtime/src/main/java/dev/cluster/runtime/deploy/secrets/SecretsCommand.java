package dev.cluster.runtime.deploy.secrets;

import dev.cluster.contract.descriptor.SecretRef;
import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code secrets set NAME}, {@code secrets list} and {@code secrets check}. */
public final class SecretsCommand {

  private SecretsCommand() {}

  public record CheckReport(int declared, List<MissingSecret> missing) implements Report {
    @Override
    public String text() {
      if (missing.isEmpty()) {
        return "All " + declared + " declared secrets are in Secrets Manager.\n";
      }
      Table table = new Table("SECRET", "PROBLEM", "USED BY");
      missing.forEach(m -> table.row(m.name(), m.reason(), String.join(", ", m.usedBy())));
      return missing.size()
          + " of "
          + declared
          + " declared secrets are missing (store each with: secrets set NAME)\n"
          + table.render();
    }
  }

  public record SetReport(String secret, boolean created, boolean generated) implements Report {
    @Override
    public String text() {
      return (created ? "Created secret " : "Stored a new value of secret ")
          + secret
          + (generated
              ? " (a generated value; read it with `aws secretsmanager get-secret-value`)"
              : "")
          + "\n";
    }
  }

  /**
   * One declared secret and whether Secrets Manager has a value for it ({@code problem} empty when
   * it has).
   */
  public record ListedSecret(
      String name, String description, List<String> usedBy, String problem) {}

  public record ListReport(List<ListedSecret> secrets) implements Report {
    @Override
    public String text() {
      if (secrets.isEmpty()) {
        return "The cluster declares no secrets.\n";
      }
      Table table = new Table("SECRET", "STATE", "USED BY", "WHAT");
      secrets.forEach(
          s ->
              table.row(
                  s.name(),
                  s.problem().isEmpty() ? "stored" : s.problem(),
                  String.join(", ", s.usedBy()),
                  s.description()));
      return table.render();
    }
  }

  public static int list(Request request) {
    try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
      Map<String, String> problems = new HashMap<>();
      new SecretsStore(aws.secretsManager())
          .missing(request.cluster().secrets())
          .forEach(m -> problems.put(m.name(), m.reason()));
      request
          .console()
          .result(
              new ListReport(
                  request.cluster().secrets().stream()
                      .map(
                          s ->
                              new ListedSecret(
                                  s.name(),
                                  s.description(),
                                  s.usedBy(),
                                  problems.getOrDefault(s.name(), "")))
                      .toList()));
      return ExitCode.OK;
    }
  }

  public static int check(Request request) {
    try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
      List<MissingSecret> missing =
          new SecretsStore(aws.secretsManager()).missing(request.cluster().secrets());
      request.console().result(new CheckReport(request.cluster().secrets().size(), missing));
      return missing.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }
  }

  public static int set(Request request) {
    List<String> operands = request.invocation().operands();
    if (operands.size() != 1) {
      throw new UsageException("secrets set takes one secret name, got " + operands.size());
    }
    SecretRef secret = declared(request, operands.get(0));
    AwsSettings settings = AwsSettings.from(request);
    boolean generate = request.invocation().has(Option.GENERATE);
    if (generate && request.invocation().value(Option.FROM_FILE).isPresent()) {
      throw new UsageException("give --generate or --from-file, not both");
    }
    String value =
        generate
            ? SecretsStore.randomValue()
            : request
                .invocation()
                .value(Option.FROM_FILE)
                .map(SecretsCommand::readFile)
                .orElseGet(() -> request.console().readSecret("Value of " + secret.name() + ": "));
    if (value.isEmpty()) {
      throw new UsageException("the value of " + secret.name() + " is empty; nothing stored");
    }
    try (AwsClients aws = AwsClients.connect(settings)) {
      boolean created = new SecretsStore(aws.secretsManager()).put(secret, value);
      request.console().result(new SetReport(secret.name(), created, generate));
      return ExitCode.OK;
    }
  }

  private static SecretRef declared(Request request, String name) {
    return request.cluster().secrets().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "'"
                        + name
                        + "' is not a declared secret (declared: "
                        + request.cluster().secrets().stream()
                            .map(SecretRef::name)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  private static String readFile(String file) {
    try {
      return Console.withoutFinalNewline(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new DeployException("cannot read --from-file " + file + ": " + e.getMessage());
    }
  }
}
