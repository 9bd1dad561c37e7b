package dev.cluster.runtime.local.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The local cluster's AWS stand-in (the {@code local-aws} image's entry point): instance metadata on port
 * {@value #METADATA_PORT} and EC2's and CloudFormation's query calls on {@value #API_PORT}, for the machines listed in
 * the file given as the only argument (one {@link LocalInstance#line()} each). Uses only the JDK, so that it runs
 * from the runtime's classes alone.
 */
public final class LocalAwsMain {
    public static final int METADATA_PORT = 8169;
    public static final int API_PORT = 8080;

    private LocalAwsMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LocalAwsMain MACHINES_FILE");
            System.exit(2);
        }
        List<LocalInstance> machines = Files.readAllLines(Path.of(args[0])).stream().filter(line -> !line.isBlank())
                .map(LocalInstance::parse).toList();
        serve(METADATA_PORT, new InstanceMetadata(machines.stream()
                .collect(Collectors.toMap(LocalInstance::privateIp, Function.identity()))));
        serve(API_PORT, new QueryApi(machines));
        System.err.println("local AWS stand-in: " + machines.size() + " machines; metadata on :" + METADATA_PORT + ", EC2 and"
                + " CloudFormation on :" + API_PORT);
    }

    private static void serve(int port, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", handler);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }
}
