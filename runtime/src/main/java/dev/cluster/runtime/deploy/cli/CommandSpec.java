package dev.cluster.runtime.deploy.cli;

import static dev.cluster.runtime.deploy.cli.Option.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One command of the deploy client: its words ("units start"), operands, summary and accepted options.
 */
public record CommandSpec(String words, String operands, String summary, Set<Option> options) {
    /** Options every command accepts. */
    public static final Set<Option> GLOBAL = Set.copyOf(EnumSet.of(HELP, REGION, PROFILE, ENDPOINT_URL, SECRETS_ENDPOINT_URL, OUTPUT, STACK,
            VERSION, DEBUG));

    public static final List<CommandSpec> ALL = List.of(
            of("describe", "", "show services, node groups, stack parameters and secrets (no AWS, no network)"),
            of("plan", "", "show what deploy would change in the stack and in fleet, and which ports each address-range"
                    + " parameter opens; changes nothing", PARAM, ALLOW_WORLD, TEMPLATE_BUCKET, S3_ENDPOINT_URL, FLEET_URL, TUNNEL,
                    DETAILED_EXITCODE, OUT),
            of("deploy", "", "show the stack's changes, ask for approval (unless --yes), create or update the stack, then submit"
                    + " and start the units", PARAM, ALLOW_WORLD, TEMPLATE_BUCKET, S3_ENDPOINT_URL, SKIP_UNITS, TIMEOUT, FLEET_URL,
                    TUNNEL, ETCD_URL, YES, PLAN, ECR_ENDPOINT_URL),
            of("status", "", "stack status and outputs; fleet machines and unit states", FLEET_URL, TUNNEL),
            of("recover", "", "list etcd snapshots, download one, print the restore runbook for the MAIN machines, and resubmit"
                    + " every unit to fleet", SNAPSHOT_BUCKET, SNAPSHOT, SNAPSHOT_DIR, S3_ENDPOINT_URL, TIMEOUT, FLEET_URL, TUNNEL, ETCD_URL),
            of("chaos kill-unit", "[SERVICE]", "destroy a random running unit instance in fleet, start it again as `units start` does,"
                    + " and time until every unit is back", DRY_RUN, YES, TIMEOUT, FLEET_URL, TUNNEL),
            of("chaos kill-machine", "[NODE_GROUP]", "terminate a random machine of a node group and time until its autoscaling group"
                    + " (and fleet, if given) is whole again", DRY_RUN, YES, TIMEOUT, EC2_ENDPOINT_URL, FLEET_URL, TUNNEL),
            of("units submit", "[SERVICE...]", "store the config files in etcd, submit the units of all (or the given) services to fleet",
                    FLEET_URL, TUNNEL, ETCD_URL),
            of("units start", "[SERVICE...]", "store the config files in etcd, submit if needed and start the units"
                    + " (changed instances one at a time)", TIMEOUT, FLEET_URL, TUNNEL, ETCD_URL),
            of("units stop", "[SERVICE...]", "stop the units (they stay submitted)", FLEET_URL, TUNNEL),
            of("units destroy", "[SERVICE...]", "remove the units from fleet", FLEET_URL, TUNNEL),
            of("postgres handover", "DATABASE", "move a database's primary to its synchronous standby: stop the"
                    + " primary's unit, wait until the standby leads, start it again", TIMEOUT, FLEET_URL, TUNNEL, ETCD_URL),
            of("images build", "[IMAGE...]", "build all (or the given) images the units run, from the framework's container sources"
                    + " (shipped in the jar, or --containers DIR), with podman or docker, tagged with their content tag",
                    CONTAINERS, MAVEN_REPO, BASE_BOOKWORM, BASE_TRIXIE),
            of("images push", "[IMAGE...]", "build and push them to the cluster's ECR repositories (those already there are skipped)",
                    CONTAINERS, MAVEN_REPO, ECR_ENDPOINT_URL),
            of("secrets set", "NAME", "store a declared secret's value (from standard input, --from-file, or --generate)",
                    FROM_FILE, GENERATE),
            of("secrets list", "", "list every declared secret, who reads it, and whether Secrets Manager has a value for it"),
            of("secrets check", "", "list declared secrets missing in Secrets Manager; exit 1 if any"),
            of("local up", "[SERVICE...]", "run the cluster on this machine with podman, from the same boot configs: machines per"
                    + " node group, etcd and fleet formed, the given services (default: all) started through fleet from a local registry;"
                    + " those that cannot run here are listed as not runnable (idempotent)", LOCAL_PREFIX, MACHINES, FLEET_DIR, CONTAINERS, TIMEOUT),
            of("local status", "", "the local cluster's machines, and fleet's machines and units", LOCAL_PREFIX),
            of("local down", "", "remove the local cluster: every container, the network, what it kept on this machine", LOCAL_PREFIX),
            of("destroy", "", "delete the stack (asks for the stack name unless --yes) and wait until it is gone", YES),
            of("users list", "", "list the accounts and their groups", KEYCLOAK_URL, REALM, ADMIN_USER),
            of("users add", "USER", "create an account with a temporary password, optionally in groups", KEYCLOAK_URL,
                    REALM, ADMIN_USER, EMAIL, GROUP),
            of("users remove", "USER", "sign an account out everywhere and delete it", KEYCLOAK_URL, REALM, ADMIN_USER),
            of("users groups", "USER", "show an account's groups, after joining --group and leaving --remove-group"
                    + " (leaving signs the user out everywhere)", KEYCLOAK_URL, REALM, ADMIN_USER, GROUP, REMOVE_GROUP),
            of("users disable", "USER", "disable an account and sign it out everywhere", KEYCLOAK_URL, REALM, ADMIN_USER),
            of("users enable", "USER", "enable a disabled account again", KEYCLOAK_URL, REALM, ADMIN_USER),
            of("users uid", "USER", "show an account's UID on the machines, giving it the next free one if it has"
                    + " none (accounts added before UIDs existed)", KEYCLOAK_URL, REALM, ADMIN_USER));

    public CommandSpec {
        options = Set.copyOf(options);
    }

    private static CommandSpec of(String words, String operands, String summary, Option... specific) {
        Set<Option> options = EnumSet.copyOf(GLOBAL);
        options.addAll(List.of(specific));
        return new CommandSpec(words, operands, summary, options);
    }

    public boolean takesOperands() {
        return !operands.isEmpty();
    }

    public String usage() {
        return operands.isEmpty() ? words : words + " " + operands;
    }
}
