package ${package};

import dev.cluster.annotations.Cluster;

/**
 * The ${clusterName} cluster: every class of this package is part of it. The cluster processor turns them
 * into the cluster's CloudFormation template, fleet units and configs (target/classes/cluster/${clusterName}/)
 * and into the deploy client {@code ${clusterClass}Cluster}, the main of ${artifactId}.jar.
 */
@Cluster(
    name = "${clusterName}",
    domain = "${domain}",
    region = "${region}",
    zones = {"${region}a", "${region}b", "${region}c"})
public class ${clusterClass} {}
