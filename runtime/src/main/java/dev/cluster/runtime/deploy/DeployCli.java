package dev.cluster.runtime.deploy;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.aws.AwsErrors;
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
import dev.cluster.runtime.deploy.fleet.FleetException;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Entry point of the generated deploy client: parses the command line, runs one command and returns
 * its exit code (0 ok, 1 failure, 2 usage error, 130 interrupted; with {@code plan
 * --detailed-exitcode} 2 means changes and every failure is 1).
 */
public final class DeployCli {
  private DeployCli() {}

  public static int run(ClusterDescriptor cluster, String[] args) {
    return run(cluster, args, DeployContext.ofSystem());
  }

  public static int run(ClusterDescriptor cluster, String[] args, DeployContext context) {
    Console console = console(context, OutputFormat.TEXT);
    // Read from the words, not the parsed options, so that they also apply when the command line
    // itself is wrong.
    List<String> words = List.of(args);
    boolean debug = words.contains(Option.DEBUG.flag());
    // As terraform's: 2 means changes, so any failure, a usage error too, is 1.
    boolean detailedExitCode = words.contains(Option.DETAILED_EXITCODE.flag());
    try {
      Invocation invocation = new ArgumentParser(DeployCommands.ALL).parse(args);
      console =
          console(
              context,
              invocation.value(Option.OUTPUT).map(OutputFormat::parse).orElse(OutputFormat.TEXT));
      if (invocation.has(Option.VERSION)) {
        console.plain(RuntimeVersion.text(cluster));
        return ExitCode.OK;
      }
      if (invocation.helpRequested()) {
        console.plain(
            invocation
                .command()
                .map(HelpText::of)
                .orElseGet(() -> HelpText.overview(cluster.name(), DeployCommands.ALL)));
        return ExitCode.OK;
      }
      return invocation
          .command()
          .orElseThrow()
          .handler()
          .run(new Request(cluster, invocation, console));
    } catch (UsageException e) {
      return failed(
          console,
          context,
          e.getMessage(),
          debug ? e : null,
          detailedExitCode ? ExitCode.FAILURE : ExitCode.USAGE);
    } catch (DeployException e) {
      int exitCode =
          detailedExitCode && e.exitCode() == ExitCode.USAGE ? ExitCode.FAILURE : e.exitCode();
      return failed(console, context, e.getMessage(), debug ? e : null, exitCode);
    } catch (FleetException e) {
      return failed(console, context, e.getMessage(), debug ? e : null, ExitCode.FAILURE);
    } catch (SdkException e) {
      DeployException failure = AwsErrors.toDeployException(e);
      int exitCode =
          detailedExitCode && failure.exitCode() == ExitCode.USAGE
              ? ExitCode.FAILURE
              : failure.exitCode();
      return failed(console, context, failure.getMessage(), debug ? e : null, exitCode);
    }
  }

  /**
   * One line for the user; with --debug also what was thrown, with its causes, for a bug report.
   */
  private static int failed(
      Console console, DeployContext context, String message, Throwable debug, int exitCode) {
    console.error(message);
    if (debug != null) {
      debug.printStackTrace(context.err());
      context.err().flush();
    }
    return exitCode;
  }

  private static Console console(DeployContext context, OutputFormat format) {
    return new Console(
        context.out(),
        context.err(),
        context.in(),
        context.interactive(),
        format,
        context.pollInterval());
  }
}
