package dev.cluster.runtime.local.aws;

import com.sun.net.httpserver.HttpServer;
import dev.cluster.runtime.local.LocalSecrets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The local cluster's AWS stand-in (the {@code local-aws} image's entry point): instance metadata
 * on port {@value #METADATA_PORT}, EC2's and CloudFormation's query calls on {@value #API_PORT},
 * Secrets Manager on {@value #SECRETS_PORT} and ECR on {@value #ECR_PORT}, for the machines listed
 * in the first argument's file (one {@link LocalInstance#line()} each), with the secrets of the
 * second's ({@link LocalSecrets}), and the registry at the third argument's URL behind ECR. Needs
 * the runtime's classes and Jackson's.
 */
public final class LocalAwsMain {
  public static final int METADATA_PORT = 8169;
  public static final int API_PORT = 8080;
  public static final int SECRETS_PORT = 8081;
  public static final int ECR_PORT = 8082;

  /**
   * The account in every ARN the stand-in makes up (as in the launch template's local user data).
   */
  public static final String ACCOUNT = "000000000000";

  private LocalAwsMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: LocalAwsMain MACHINES_FILE SECRETS_FILE REGISTRY_URL");
      System.exit(2);
    }
    List<LocalInstance> machines =
        Files.readAllLines(Path.of(args[0])).stream()
            .filter(line -> !line.isBlank())
            .map(LocalInstance::parse)
            .toList();
    serve(
        METADATA_PORT,
        new InstanceMetadata(
            machines.stream()
                .collect(Collectors.toMap(LocalInstance::privateIp, Function.identity()))));
    serve(API_PORT, new QueryApi(machines));
    Map<String, String> secrets = LocalSecrets.read(Path.of(args[1]));
    String region = machines.isEmpty() ? "us-east-1" : machines.get(0).region();
    serve(SECRETS_PORT, new SecretsManagerApi(region, ACCOUNT, secrets));
    RegistryContent registry = new RegistryContent(URI.create(args[2]));
    serve(
        ECR_PORT,
        new EcrApi(ACCOUNT, registry.url(), "local", repository -> true, registry::holds));
    System.err.println(
        "local AWS stand-in: "
            + machines.size()
            + " machines; metadata on :"
            + METADATA_PORT
            + ", EC2 and"
            + " CloudFormation on :"
            + API_PORT
            + ", Secrets Manager ("
            + secrets.size()
            + " secrets) on :"
            + SECRETS_PORT
            + ", ECR (registry "
            + registry.url()
            + ") on :"
            + ECR_PORT);
  }

  private static void serve(int port, com.sun.net.httpserver.HttpHandler handler)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/", handler);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }
}
