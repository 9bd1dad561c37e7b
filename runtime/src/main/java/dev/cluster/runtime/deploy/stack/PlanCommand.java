package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import dev.cluster.runtime.deploy.fleet.FleetConnection;
import dev.cluster.runtime.deploy.fleet.UnitAction;
import dev.cluster.runtime.deploy.fleet.UnitChange;
import dev.cluster.runtime.deploy.fleet.UnitOperations;
import dev.cluster.runtime.deploy.stack.AddressRanges.AddressRange;
import dev.cluster.runtime.deploy.stack.ParameterValues.KeptParameter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * {@code plan}: what deploy would change, from a change set that is deleted again, and from fleet's units; and which
 * ports each address-range parameter opens, with the value it would have ({@link AddressRanges}).
 */
public final class PlanCommand {
    static final String FLEET_NOT_CONSULTED = "fleet not consulted (pass --fleet-url URL or --tunnel USER@HOST to compare units)";

    private PlanCommand() {
    }

    /**
     * @param units          the unit changes; empty when fleet was not consulted
     * @param keptParameters required parameters not given, whose deployed values the update keeps
     * @param addressRanges  the parameters the template opens ports to, with their values and those ports
     */
    public record PlanReport(String stack, String region, String changeSetType, List<ResourceChangeLine> stackChanges,
                             boolean fleetConsulted, List<UnitChange> units, List<KeptParameter> keptParameters,
                             List<AddressRange> addressRanges) implements Report {
        @Override
        public String text() {
            StringBuilder text = new StringBuilder();
            if (stackChanges.isEmpty()) {
                text.append("Stack ").append(stack).append(" in ").append(region).append(": no changes\n");
            } else {
                String what = changeSetType.equals("CREATE") ? "would be created" : "would be updated";
                text.append("Stack ").append(stack).append(" in ").append(region).append(' ').append(what).append(":\n");
                text.append(changeTable(stackChanges));
            }
            if (!keptParameters.isEmpty()) {
                text.append("Kept from the deployed stack (no --param given): ").append(keptParameters.stream()
                        .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(", "))).append('\n');
            }
            if (!addressRanges.isEmpty()) {
                text.append("Ports open to address-range parameters:\n").append(addressRangeTable(addressRanges));
            }
            text.append('\n');
            if (!fleetConsulted) {
                text.append("Units: ").append(FLEET_NOT_CONSULTED).append('\n');
                return text.toString();
            }
            List<UnitChange> changes = units.stream().filter(u -> u.action() != UnitAction.UNCHANGED).toList();
            if (changes.isEmpty()) {
                return text.append("Units: no changes (").append(units.size()).append(" as declared)\n").toString();
            }
            Table table = new Table("UNIT", "FLEET WOULD");
            changes.forEach(u -> table.row(u.unit(), u.action().planned()));
            return text.append("Units:\n").append(table.render()).toString();
        }
    }

    static String addressRangeTable(List<AddressRange> ranges) {
        Table table = new Table("PARAMETER", "VALUE", "OPENS");
        ranges.forEach(r -> table.row(r.parameter(), r.value() + (r.kept() ? " (kept)" : "")
                + (r.wholeInternet() ? " = THE WHOLE INTERNET (--allow-world)" : ""), String.join(", ", r.opens())));
        return table.render();
    }

    static String changeTable(List<ResourceChangeLine> changes) {
        Table table = new Table("ACTION", "RESOURCE", "TYPE", "REPLACEMENT");
        changes.forEach(c -> table.row(c.action(), c.logicalId(), c.resourceType(), c.replacement() == null ? "" : c.replacement()));
        return table.render();
    }

    public static int run(Request request) {
        ParameterValues parameters = ParameterValues.parse(request.cluster().parameters(), request.invocation().values(Option.PARAM));
        TemplateBody template = TemplateBody.of(request.cluster());
        boolean consultFleet = FleetConnection.given(request.invocation());
        List<DeclaredUnit> units = consultFleet ? DeclaredUnit.of(request.cluster(), List.of()) : List.of();
        AwsSettings settings = AwsSettings.from(request);
        template.requireDeliverable(request.invocation().value(Option.TEMPLATE_BUCKET), request.stackName(), settings.region().id());
        try (AwsClients aws = AwsClients.connect(settings)) {
            StackTarget target = StackTarget.of(request, aws);
            Optional<Stack> stack = target.stacks().find(target.name());
            StackCondition.requireChangeable(stack, target.name(), target.region());
            ParameterValues.Resolved values = parameters.forStack(stack);
            List<AddressRange> ranges = AddressRanges.check(request.cluster().parameters(), values.values(), values.keptNames(),
                    request.invocation().values(Option.ALLOW_WORLD));
            TemplateLocation location = TemplateBucket.deliver(request, aws, target.name(), template);
            target.stacks().validateTemplate(location);
            ChangeSets changeSets = target.changeSets();
            PreparedChangeSet changeSet = changeSets.prepare(target.name(), StackCondition.of(stack), location,
                    BootConfigs.withBucket(values.parameters(), template, request.invocation().value(Option.TEMPLATE_BUCKET)), "plan");
            changeSets.discard(changeSet);
            List<UnitChange> unitChanges = consultFleet ? planUnits(request, units) : List.of();
            request.console().result(new PlanReport(target.name(), target.region(), changeSet.type().toString(),
                    changeSet.changes(), consultFleet, unitChanges, values.kept(), ranges));
            return ExitCode.OK;
        }
    }

    private static List<UnitChange> planUnits(Request request, List<DeclaredUnit> units) {
        try (FleetConnection fleet = FleetConnection.open(request.invocation(), request.console()).orElseThrow()) {
            return UnitOperations.planStart(units, fleet.client().units());
        }
    }
}
