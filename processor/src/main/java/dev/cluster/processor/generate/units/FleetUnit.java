package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.Origin;

/**
 * A generated fleet unit, the declaration it comes from (which takes the blame if fleet would
 * reject it), what it belongs to ({@code owner}: its service, or for a machine-wide unit the unit's
 * own name) and how many instances of it run ({@code instances}: the replicas of a template unit, 0
 * otherwise).
 */
public record FleetUnit(SystemdUnit unit, Origin origin, String owner, int instances) {}
