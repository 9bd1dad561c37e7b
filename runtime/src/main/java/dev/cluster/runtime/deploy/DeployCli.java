package dev.cluster.runtime.deploy;

import dev.cluster.runtime.deploy.cli.ArgumentParser;
import dev.cluster.runtime.deploy.cli.HelpText;
import dev.cluster.runtime.deploy.cli.Invocation;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.OutputFormat;
import dev.cluster.runtime.deploy.describe.DescribeCommand;
import dev.cluster.runtime.deploy.fleet.FleetException;
import dev.cluster.runtime.deploy.fleet.UnitsCommand;

/**
 * Entry point of the generated deploy client: parses the command line, runs one command and
 * returns its exit code (0 ok, 1 failure, 2 usage error, 130 interrupted).
 */
public final class DeployCli {
    private DeployCli() {
    }

    public static int run(ClusterDescriptor cluster, String[] args) {
        return run(cluster, args, DeployContext.ofSystem());
    }

    public static int run(ClusterDescriptor cluster, String[] args, DeployContext context) {
        Console console = console(context, OutputFormat.TEXT);
        try {
            Invocation invocation = ArgumentParser.parse(args);
            console = console(context, invocation.value(Option.OUTPUT).map(OutputFormat::parse).orElse(OutputFormat.TEXT));
            if (invocation.helpRequested()) {
                console.plain(invocation.command().map(HelpText::of).orElseGet(() -> HelpText.overview(cluster.name())));
                return ExitCode.OK;
            }
            return dispatch(new Request(cluster, invocation, console));
        } catch (UsageException e) {
            console.error(e.getMessage());
            return ExitCode.USAGE;
        } catch (DeployException e) {
            console.error(e.getMessage());
            return e.exitCode();
        } catch (FleetException e) {
            console.error(e.getMessage());
            return ExitCode.FAILURE;
        }
    }

    private static int dispatch(Request request) {
        String words = request.invocation().command().orElseThrow().words();
        return switch (words) {
            case "describe" -> {
                request.console().result(DescribeCommand.describe(request.cluster(), request.stackName()));
                yield ExitCode.OK;
            }
            case "units submit", "units start", "units stop", "units destroy" ->
                    UnitsCommand.run(request, words.substring("units ".length()));
            default -> throw new DeployException(words + " is not implemented yet");
        };
    }

    private static Console console(DeployContext context, OutputFormat format) {
        return new Console(context.out(), context.err(), context.in(), context.interactive(), format, context.pollInterval());
    }
}
