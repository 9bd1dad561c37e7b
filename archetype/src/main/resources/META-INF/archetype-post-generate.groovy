// Runs after the archetype wrote the project. In batch mode the archetype plugin does not check a default
// (clusterName defaults to the artifactId) against its validationRegex, so an artifactId that is no cluster name
// would give a project that does not compile: refuse it here, naming the value and the property, and remove
// what was written.
Properties properties = request.properties
String clusterName = properties.getProperty('clusterName')
if (!(clusterName ==~ /[a-z]([a-z0-9-]{0,61}[a-z0-9])?/)) {
  File project = new File(request.outputDirectory, request.artifactId)
  project.deleteDir()
  throw new IllegalArgumentException("clusterName = \"${clusterName}\" (by default the artifactId) is not a cluster"
      + " name: a DNS label of at most 63 lowercase letters, digits and dashes that starts with a letter and does"
      + " not end with a dash (it names the CloudFormation stack); pass -DclusterName=<name>. Removed ${project}.")
}
