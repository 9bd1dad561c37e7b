package dev.cluster.runtime.deploy.fleet;

/** One unit and what was (or would be) done to it. */
public record UnitChange(String unit, UnitAction action) {}
