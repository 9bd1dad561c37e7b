package dev.cluster.runtime.deploy;

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
import software.amazon.awssdk.core.exception.SdkException;

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
        } catch (SdkException e) {
            DeployException failure = AwsErrors.toDeployException(e);
            console.error(failure.getMessage());
            return failure.exitCode();
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
