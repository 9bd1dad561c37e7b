package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.ExitCode;
import java.util.List;

/** {@code units submit|start|stop|destroy [SERVICE...]} through fleet's API. */
public final class UnitsCommand {
    private UnitsCommand() {
    }

    public static int run(Request request, String verb) {
        List<DeclaredUnit> units = DeclaredUnit.of(request.cluster(), request.invocation().operands());
        if (!FleetConnection.given(request.invocation())) {
            throw new UsageException("units " + verb + " needs fleet: pass --fleet-url URL or --tunnel USER@HOST");
        }
        try (FleetConnection fleet = FleetConnection.open(request.invocation(), request.console()).orElseThrow()) {
            UnitOperations operations = new UnitOperations(fleet.client(), request.console(), UnitOperations.timeout(request.invocation()));
            List<UnitChange> changes = switch (verb) {
                case "submit" -> operations.submit(units);
                case "start" -> operations.start(units);
                case "stop" -> operations.stop(units);
                case "destroy" -> operations.destroy(units);
                default -> throw new IllegalArgumentException("no units command " + verb);
            };
            request.console().result(new UnitsReport(verb, changes));
        }
        return ExitCode.OK;
    }
}
