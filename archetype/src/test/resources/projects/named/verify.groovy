// Generation (goal.txt only validates the pom): the properties reach the classes and the pom. The artifactId is no cluster
// name, so clusterName is given; the basic project builds what the classes become.
File project = new File(basedir as File, 'project/OurCluster')
File source = new File(project, 'src/main/java/org/example/team/cluster/Team.java')
assert source.isFile() : "no @Cluster class ${source}"
String cluster = source.getText('UTF-8')
assert cluster.contains('package org.example.team.cluster;') : cluster
assert cluster.contains('public class Team {}') : cluster
assert cluster.contains('name = "team"') && cluster.contains('domain = "dev.team.example.org"') : cluster
assert cluster.contains('region = "eu-west-1"') && cluster.contains('zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"}') : cluster
String pom = new File(project, 'pom.xml').getText('UTF-8')
assert pom.contains('<cluster.client>org.example.team.cluster.TeamCluster</cluster.client>') : pom
assert pom.contains('<finalName>OurCluster</finalName>') : pom
assert new File(project, 'containers/web/Containerfile').isFile()
assert new File(project, 'src/test/java/org/example/team/cluster/ClusterOutputsTest.java').getText('UTF-8')
    .contains('target/classes/cluster/team') : 'the outputs test reads the cluster by its name'
true
