/**
 * The vocabulary a team declares its cluster in.
 *
 * <p>A cluster is one package: the class annotated {@link dev.cluster.annotations.Cluster} and
 * every {@link dev.cluster.annotations.NodeGroup}, {@link dev.cluster.annotations.Service}, {@link
 * dev.cluster.annotations.Secret} and {@link dev.cluster.annotations.Group} class in the same
 * package belong to it. References between them are class literals, so the IDE completes them and
 * javac checks them. The annotation processor in {@code dev.cluster:processor} turns the package
 * into a CloudFormation template, fleet units, ambassador and database configuration and a typed
 * deploy client, or refuses to compile a cluster that cannot work.
 *
 * <p>All annotations have {@code CLASS} retention: they are read by the processor, also from
 * already compiled classes when only part of the cluster is recompiled, and cost nothing at run
 * time.
 */
package dev.cluster.annotations;
