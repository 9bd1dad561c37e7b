package dev.cluster.runtime.deploy;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.aws.AwsErrors;
import dev.cluster.runtime.deploy.chaos.ChaosCommand;
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
import dev.cluster.runtime.deploy.images.ImagesCommand;
import dev.cluster.runtime.deploy.postgres.HandoverCommand;
import dev.cluster.runtime.deploy.recover.RecoverCommand;
import dev.cluster.runtime.deploy.secrets.SecretsCommand;
import dev.cluster.runtime.deploy.stack.DeployCommand;
import dev.cluster.runtime.deploy.stack.DestroyCommand;
import dev.cluster.runtime.deploy.stack.PlanCommand;
import dev.cluster.runtime.deploy.stack.StatusCommand;
import dev.cluster.runtime.deploy.users.UsersCommand;
import dev.cluster.runtime.local.LocalCommand;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Entry point of the generated deploy client: parses the command line, runs one command and
 * returns its exit code (0 ok, 1 failure, 2 usage error, 130 interrupted; with {@code plan --detailed-exitcode}
 * 2 means changes and every failure is 1).
 */
public final class DeployCli {
    private DeployCli() {
    }

    public static int run(ClusterDescriptor cluster, String[] args) {
        return run(cluster, args, DeployContext.ofSystem());
    }

    public static int run(ClusterDescriptor cluster, String[] args, DeployContext context) {
        Console console = console(context, OutputFormat.TEXT);
        // Read from the words, not the parsed options, so that they also apply when the command line itself is wrong.
        List<String> words = List.of(args);
        boolean debug = words.contains(Option.DEBUG.flag());
        // As terraform's: 2 means changes, so any failure, a usage error too, is 1.
        boolean detailedExitCode = words.contains(Option.DETAILED_EXITCODE.flag());
        try {
            Invocation invocation = ArgumentParser.parse(args);
            console = console(context, invocation.value(Option.OUTPUT).map(OutputFormat::parse).orElse(OutputFormat.TEXT));
            if (invocation.has(Option.VERSION)) {
                console.plain(RuntimeVersion.text(cluster));
                return ExitCode.OK;
            }
            if (invocation.helpRequested()) {
                console.plain(invocation.command().map(HelpText::of).orElseGet(() -> HelpText.overview(cluster.name())));
                return ExitCode.OK;
            }
            return dispatch(new Request(cluster, invocation, console));
        } catch (UsageException e) {
            return failed(console, context, e.getMessage(), debug ? e : null, detailedExitCode ? ExitCode.FAILURE : ExitCode.USAGE);
        } catch (DeployException e) {
            int exitCode = detailedExitCode && e.exitCode() == ExitCode.USAGE ? ExitCode.FAILURE : e.exitCode();
            return failed(console, context, e.getMessage(), debug ? e : null, exitCode);
        } catch (FleetException e) {
            return failed(console, context, e.getMessage(), debug ? e : null, ExitCode.FAILURE);
        } catch (SdkException e) {
            DeployException failure = AwsErrors.toDeployException(e);
            int exitCode = detailedExitCode && failure.exitCode() == ExitCode.USAGE ? ExitCode.FAILURE : failure.exitCode();
            return failed(console, context, failure.getMessage(), debug ? e : null, exitCode);
        }
    }

    /** One line for the user; with --debug also what was thrown, with its causes, for a bug report. */
    private static int failed(Console console, DeployContext context, String message, Throwable debug, int exitCode) {
        console.error(message);
        if (debug != null) {
            debug.printStackTrace(context.err());
            context.err().flush();
        }
        return exitCode;
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
            case "plan" -> PlanCommand.run(request);
            case "deploy" -> DeployCommand.run(request);
            case "status" -> StatusCommand.run(request);
            case "destroy" -> DestroyCommand.run(request);
            case "recover" -> RecoverCommand.run(request);
            case "chaos kill-unit" -> ChaosCommand.killUnit(request);
            case "chaos kill-machine" -> ChaosCommand.killMachine(request);
            case "postgres handover" -> HandoverCommand.run(request);
            case "images build" -> ImagesCommand.build(request);
            case "images push" -> ImagesCommand.push(request);
            case "secrets set" -> SecretsCommand.set(request);
            case "secrets check" -> SecretsCommand.check(request);
            case "secrets list" -> SecretsCommand.list(request);
            case "local up", "local status", "local down" ->
                    LocalCommand.run(request, words.substring("local ".length()), System.getenv());
            case "users list" -> UsersCommand.list(request);
            case "users add" -> UsersCommand.add(request);
            case "users remove" -> UsersCommand.remove(request);
            case "users groups" -> UsersCommand.groups(request);
            case "users disable" -> UsersCommand.disable(request);
            case "users enable" -> UsersCommand.enable(request);
            case "users uid" -> UsersCommand.uid(request);
            default -> throw new IllegalStateException("no handler for command " + words);
        };
    }

    private static Console console(DeployContext context, OutputFormat format) {
        return new Console(context.out(), context.err(), context.in(), context.interactive(), format, context.pollInterval());
    }
}
