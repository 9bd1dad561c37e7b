package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.Origin;

/** A generated fleet unit and the declaration it comes from, which takes the blame if fleet would reject it. */
public record FleetUnit(SystemdUnit unit, Origin origin) {}
