package dev.cluster.runtime.deploy;

import static dev.cluster.runtime.deploy.cli.CommandSpec.of;
import static dev.cluster.runtime.deploy.cli.Option.*;

import dev.cluster.runtime.deploy.chaos.ChaosCommand;
import dev.cluster.runtime.deploy.cli.CommandSpec;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.describe.DescribeCommand;
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

/**
 * Every command of the deploy client, each declared once with its options and what runs it, in help
 * order.
 */
public final class DeployCommands {
  public static final List<CommandSpec> ALL =
      List.of(
          of(
              "describe",
              "",
              "show services, node groups, stack parameters and secrets (no AWS, no network)",
              DeployCommands::describe),
          of(
              "plan",
              "",
              "show what deploy would change in the stack and in fleet, and which ports each address-range"
                  + " parameter opens; changes nothing",
              PlanCommand::run,
              PARAM,
              ALLOW_WORLD,
              TEMPLATE_BUCKET,
              S3_ENDPOINT_URL,
              FLEET_URL,
              TUNNEL,
              DETAILED_EXITCODE,
              OUT),
          of(
              "deploy",
              "",
              "show the stack's changes, ask for approval (unless --yes), create or update the stack, then submit"
                  + " and start the units",
              DeployCommand::run,
              PARAM,
              ALLOW_WORLD,
              TEMPLATE_BUCKET,
              S3_ENDPOINT_URL,
              SKIP_UNITS,
              TIMEOUT,
              FLEET_URL,
              TUNNEL,
              ETCD_URL,
              YES,
              PLAN,
              ECR_ENDPOINT_URL),
          of(
              "status",
              "",
              "stack status and outputs; fleet machines and unit states",
              StatusCommand::run,
              FLEET_URL,
              TUNNEL),
          of(
              "recover",
              "",
              "list etcd snapshots, download one, print the restore runbook for the MAIN machines, and resubmit"
                  + " every unit to fleet",
              RecoverCommand::run,
              SNAPSHOT_BUCKET,
              SNAPSHOT,
              SNAPSHOT_DIR,
              S3_ENDPOINT_URL,
              TIMEOUT,
              FLEET_URL,
              TUNNEL,
              ETCD_URL),
          of(
              "chaos kill-unit",
              "[SERVICE]",
              "destroy a random running unit instance in fleet, start it again as `units start` does,"
                  + " and time until every unit is back",
              ChaosCommand::killUnit,
              DRY_RUN,
              YES,
              TIMEOUT,
              FLEET_URL,
              TUNNEL),
          of(
              "chaos kill-machine",
              "[NODE_GROUP]",
              "terminate a random machine of a node group and time until its autoscaling group"
                  + " (and fleet, if given) is whole again",
              ChaosCommand::killMachine,
              DRY_RUN,
              YES,
              TIMEOUT,
              EC2_ENDPOINT_URL,
              FLEET_URL,
              TUNNEL),
          of(
              "units submit",
              "[SERVICE...]",
              "store the config files in etcd, submit the units of all (or the given) services to fleet",
              request -> UnitsCommand.run(request, "submit"),
              FLEET_URL,
              TUNNEL,
              ETCD_URL),
          of(
              "units start",
              "[SERVICE...]",
              "store the config files in etcd, submit if needed and start the units"
                  + " (changed instances one at a time)",
              request -> UnitsCommand.run(request, "start"),
              TIMEOUT,
              FLEET_URL,
              TUNNEL,
              ETCD_URL),
          of(
              "units stop",
              "[SERVICE...]",
              "stop the units (they stay submitted)",
              request -> UnitsCommand.run(request, "stop"),
              FLEET_URL,
              TUNNEL),
          of(
              "units destroy",
              "[SERVICE...]",
              "remove the units from fleet",
              request -> UnitsCommand.run(request, "destroy"),
              FLEET_URL,
              TUNNEL),
          of(
              "postgres handover",
              "DATABASE",
              "move a database's primary to its synchronous standby: stop the"
                  + " primary's unit, wait until the standby leads, start it again",
              HandoverCommand::run,
              TIMEOUT,
              FLEET_URL,
              TUNNEL,
              ETCD_URL),
          of(
              "images build",
              "[IMAGE...]",
              "build all (or the given) images the units run, from the framework's container sources"
                  + " (shipped in the jar, or --containers DIR), with podman or docker, tagged with their content tag",
              ImagesCommand::build,
              CONTAINERS,
              MAVEN_REPO,
              BASE_BOOKWORM,
              BASE_TRIXIE),
          of(
              "images push",
              "[IMAGE...]",
              "build and push them to the cluster's ECR repositories (those already there are skipped)",
              ImagesCommand::push,
              CONTAINERS,
              MAVEN_REPO,
              ECR_ENDPOINT_URL),
          of(
              "secrets set",
              "NAME",
              "store a declared secret's value (from standard input, --from-file, or --generate)",
              SecretsCommand::set,
              FROM_FILE,
              GENERATE),
          of(
              "secrets list",
              "",
              "list every declared secret, who reads it, and whether Secrets Manager has a value for it",
              SecretsCommand::list),
          of(
              "secrets check",
              "",
              "list declared secrets missing in Secrets Manager; exit 1 if any",
              SecretsCommand::check),
          of(
              "local up",
              "[SERVICE...]",
              "run the cluster on this machine with podman, from the same boot configs: machines per"
                  + " node group, etcd and fleet formed, the given services (default: all) started through fleet from a local registry;"
                  + " those that cannot run here are listed as not runnable (idempotent)",
              request -> LocalCommand.run(request, "up", System.getenv()),
              LOCAL_PREFIX,
              MACHINES,
              FLEET_DIR,
              CONTAINERS,
              TIMEOUT),
          of(
              "local status",
              "",
              "the local cluster's machines, and fleet's machines and units",
              request -> LocalCommand.run(request, "status", System.getenv()),
              LOCAL_PREFIX),
          of(
              "local down",
              "",
              "remove the local cluster: every container, the network, what it kept on this machine",
              request -> LocalCommand.run(request, "down", System.getenv()),
              LOCAL_PREFIX),
          of(
              "destroy",
              "",
              "delete the stack (asks for the stack name unless --yes) and wait until it is gone",
              DestroyCommand::run,
              YES),
          of(
              "users list",
              "",
              "list the accounts and their groups",
              UsersCommand::list,
              KEYCLOAK_URL,
              REALM,
              ADMIN_USER),
          of(
              "users add",
              "USER",
              "create an account with a temporary password, optionally in groups",
              UsersCommand::add,
              KEYCLOAK_URL,
              REALM,
              ADMIN_USER,
              EMAIL,
              GROUP),
          of(
              "users remove",
              "USER",
              "sign an account out everywhere and delete it",
              UsersCommand::remove,
              KEYCLOAK_URL,
              REALM,
              ADMIN_USER),
          of(
              "users groups",
              "USER",
              "show an account's groups, after joining --group and leaving --remove-group"
                  + " (leaving signs the user out everywhere)",
              UsersCommand::groups,
              KEYCLOAK_URL,
              REALM,
              ADMIN_USER,
              GROUP,
              REMOVE_GROUP),
          of(
              "users disable",
              "USER",
              "disable an account and sign it out everywhere",
              UsersCommand::disable,
              KEYCLOAK_URL,
              REALM,
              ADMIN_USER),
          of(
              "users enable",
              "USER",
              "enable a disabled account again",
              UsersCommand::enable,
              KEYCLOAK_URL,
              REALM,
              ADMIN_USER),
          of(
              "users uid",
              "USER",
              "show an account's UID on the machines, giving it the next free one if it has"
                  + " none (accounts added before UIDs existed)",
              UsersCommand::uid,
              KEYCLOAK_URL,
              REALM,
              ADMIN_USER));

  private DeployCommands() {}

  private static int describe(Request request) {
    request.console().result(DescribeCommand.describe(request.cluster(), request.stackName()));
    return ExitCode.OK;
  }
}
