package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.ClusterDescriptor;
import dev.cluster.runtime.deploy.ServiceInfo;
import dev.cluster.runtime.deploy.UnitFile;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.DeployException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A unit as fleet should have it: a template ({@code gerrit@.service}, kept inactive since fleet
 * cannot run a template), an instance of one ({@code gerrit@1.service}) or a plain unit.
 */
public record DeclaredUnit(String name, String service, List<UnitOption> options, boolean template) {
    public DeclaredUnit {
        options = List.copyOf(options);
    }

    /** The units of the given services (all services when none are given), templates before their instances. */
    public static List<DeclaredUnit> of(ClusterDescriptor cluster, List<String> services) {
        Set<String> selected = selectServices(cluster, services);
        List<DeclaredUnit> units = new ArrayList<>();
        for (UnitFile file : cluster.units()) {
            if (!selected.contains(file.service())) {
                continue;
            }
            List<UnitOption> options = parse(file);
            if (file.template()) {
                units.add(new DeclaredUnit(file.name(), file.service(), options, true));
                for (int i = 1; i <= file.instances(); i++) {
                    units.add(new DeclaredUnit(instanceName(file.name(), i), file.service(), options, false));
                }
            } else {
                units.add(new DeclaredUnit(file.name(), file.service(), options, false));
            }
        }
        return List.copyOf(units);
    }

    static String instanceName(String templateName, int instance) {
        return templateName.replace("@.", "@" + instance + ".");
    }

    private static Set<String> selectServices(ClusterDescriptor cluster, List<String> services) {
        Set<String> known = new LinkedHashSet<>();
        cluster.services().stream().map(ServiceInfo::name).forEach(known::add);
        cluster.units().stream().map(UnitFile::service).forEach(known::add);
        if (services.isEmpty()) {
            return known;
        }
        for (String service : services) {
            if (!known.contains(service)) {
                throw new UsageException("unknown service '" + service + "' (services: " + String.join(", ", known) + ")");
            }
        }
        return Set.copyOf(services);
    }

    private static List<UnitOption> parse(UnitFile file) {
        try {
            return UnitFileParser.parse(file.name(), ClasspathResource.read(file.resource()));
        } catch (IllegalArgumentException e) {
            throw new DeployException("unit file " + file.resource() + " is not valid: " + e.getMessage());
        }
    }
}
