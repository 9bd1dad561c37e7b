import java.util.concurrent.TimeUnit

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

// Without -DclusterName an artifactId that is no cluster name is refused right after generation, with the
// value, the property and the rule, and nothing of the project is left.
File target = new File(basedir as File, '../../..').canonicalFile
// the archetype's version is the framework's, which the generated pom names
String archetypeVersion = pom.find(/<dev.cluster.version>([^<]+)<\/dev.cluster.version>/) { it[1] }
assert archetypeVersion : pom
File refused = new File(basedir as File, 'refused')
refused.deleteDir()
refused.mkdirs()
File log = new File(refused, 'generate.log')
String mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
Process generate = new ProcessBuilder(mvn, '-B', '-s', new File(target, 'archetype-it/interpolated-it-settings.xml').path,
    "-Dmaven.repo.local=${new File(target, 'it-repo')}",
    'org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate', '-DarchetypeGroupId=dev.cluster',
    '-DarchetypeArtifactId=dev-cluster-archetype', "-DarchetypeVersion=${archetypeVersion}",
    '-DgroupId=org.example', '-DartifactId=OurCluster', '-Dpackage=org.example.cluster')
    .directory(refused).redirectErrorStream(true).redirectOutput(log).start()
generate.outputStream.close()
if (!generate.waitFor(300, TimeUnit.SECONDS)) {
  generate.destroyForcibly().waitFor()
  assert false : "archetype:generate did not finish in 300 s:\n${log.text}"
}
assert generate.exitValue() != 0 : "an artifactId that is no cluster name was taken:\n${log.text}"
assert log.text.contains('clusterName = "OurCluster" (by default the artifactId) is not a cluster name') : log.text
assert log.text.contains('pass -DclusterName=<name>') : log.text
assert !new File(refused, 'OurCluster').exists() : 'the refused project was left behind'
true
