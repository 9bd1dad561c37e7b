// After the generated project's plain `mvn verify` (its own tests included): its jar runs and describes the
// cluster that archetype.properties and the archetype's classes declare; then its checker tests run once more,
// given this repository's scripts. `basedir` is this folder (archetype/target/test-classes/projects/basic); the
// archetype plugin generated the project under project/<artifactId>.
import java.util.concurrent.TimeUnit
import javax.xml.parsers.DocumentBuilderFactory

File project = new File(basedir as File, 'project/demo-cluster')
File jar = new File(project, 'target/demo-cluster.jar')
assert jar.isFile() : "the generated project's build did not make ${jar}"
String javaBin = new File(System.getProperty('java.home'), 'bin/java').path
Process describe = new ProcessBuilder(javaBin, '-jar', jar.path, 'describe').directory(project)
    .redirectErrorStream(true).start()
describe.outputStream.close()
def output = new ByteArrayOutputStream()
Thread reader = describe.consumeProcessOutputStream(output)
if (!describe.waitFor(120, TimeUnit.SECONDS)) {
  describe.destroyForcibly().waitFor()
  reader.join()
  assert false : "describe did not finish in 120 s:\n${output}"
}
reader.join()
String shown = output.toString('UTF-8')
println shown
assert describe.exitValue() == 0 : "describe failed (exit ${describe.exitValue()}):\n${shown}"

List<List<String>> rows = shown.readLines().collect { it.trim().split(/\s+/) as List }
def hasRow = { List<String> start -> rows.any { it.size() >= start.size() && it.take(start.size()) == start } }
assert shown.readLines()[0] == 'Cluster demo-cluster (stack demo-cluster, default region us-west-2)' : shown
assert hasRow(['main', 'MAIN', '3']) : "the MAIN group of 3:\n${shown}"
assert hasRow(['workers', 'WORKER', '2..4']) : "the WORKER group of 2 to 4:\n${shown}"
assert hasRow(['web', 'workers', '2']) && hasRow(['cache', 'workers', '1']) : "the services' replicas:\n${shown}"
assert hasRow(['web', 'dev-cluster/web:0.1.0', '80/tcp', 'http', '-', 'cache']) : "web on port 80, using cache:\n${shown}"
assert hasRow(['cache', 'dev-cluster/redis:7.0', '6379/tcp', 'redis']) : "the cache:\n${shown}"

// The plain build skipped the checker tests, saying how to run them ...
File report = new File(project, 'target/surefire-reports/TEST-org.example.demo.ClusterCheckersTest.xml')
// surefire's XML report: the suite's counts, and what each skipped test said
def suite = { ->
  def root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report).documentElement
  def skipped = root.getElementsByTagName('skipped')
  [tests: root.getAttribute('tests'), skipped: root.getAttribute('skipped'), failures: root.getAttribute('failures'),
   errors: root.getAttribute('errors'), why: (0..<skipped.length).collect { skipped.item(it).textContent }]
}
def plain = suite()
assert plain.tests == '2' && plain.skipped == '2' : "without -Ddev.cluster.scripts the checkers must skip, saying why: ${plain}"
assert plain.why.size() == 2 && plain.why.every { it.contains('-Ddev.cluster.scripts=<dev-cluster>/scripts runs them') } : plain.why

// ... which pass given the scripts.
File target = new File(basedir as File, '../../..').canonicalFile
File scripts = new File(target, '../../scripts').canonicalFile
assert new File(scripts, 'check-units.sh').isFile() : "no checkers in ${scripts}"
File log = new File(project, 'checkers.log')
String mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
// the build's own settings and repository: offline, Maven takes what they already hold
Process checking = new ProcessBuilder(mvn, '-B', '-o', '-s', new File(target, 'archetype-it/interpolated-it-settings.xml').path,
    "-Dmaven.repo.local=${new File(target, 'it-repo')}",
    'test', '-Dtest=ClusterCheckersTest', "-Ddev.cluster.scripts=${scripts}")
    .directory(project).redirectErrorStream(true).redirectOutput(log).start()
checking.outputStream.close()
if (!checking.waitFor(300, TimeUnit.SECONDS)) {
  checking.destroyForcibly().waitFor()
  assert false : "the checker tests did not finish in 300 s:\n${log.text}"
}
assert checking.exitValue() == 0 : log.text
def given = suite()
assert given.tests == '2' && given.skipped == '0' && given.failures == '0' && given.errors == '0' : log.text

// Its jar's `images build`, run from the project's root as its README says, builds every image its units pull:
// its own web from containers/web, the framework's agents and redis from the sources shipped in the jar (on the
// local Debian bases that scripts/podman-setup.sh makes, as no registry is reachable here).
def run = { List<String> command, File logFile, long seconds ->
  Process process = new ProcessBuilder(command).directory(project).redirectErrorStream(true).redirectOutput(logFile).start()
  process.outputStream.close()
  if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
    process.destroyForcibly().waitFor()
    assert false : "${command} did not finish in ${seconds} s:\n${logFile.text}"
  }
  process.exitValue()
}
File setupLog = new File(project, 'podman-setup.log')
assert run([new File(scripts, 'podman-setup.sh').path], setupLog, 900) == 0 : setupLog.text
List<String> bases = setupLog.readLines().findAll { it ==~ /[^\s]+:[^\s]+/ }.takeRight(2)
assert bases.size() == 2 : "podman-setup.sh names the bookworm and trixie bases last:\n${setupLog.text}"
def images = new groovy.json.JsonSlurper().parse(new File(project, 'target/classes/cluster/demo-cluster/images.json')).images
List<String> built = images.collect { "${it.repository}:${it.tag}" as String }
assert built.size() == 3 : images
File buildLog = new File(project, 'images-build.log')
try {
  int exit = run([javaBin, '-jar', jar.path, 'images', 'build', '--base-bookworm', bases[0], '--base-trixie', bases[1]], buildLog, 1500)
  assert exit == 0 : buildLog.text
  built.each { image ->
    assert run(['podman', 'image', 'exists', image], new File(project, 'exists.log'), 60) == 0 : "no ${image}:\n${buildLog.text}"
  }
} finally {
  // and the names build.sh gives the framework's images before their content tags
  run(['podman', 'rmi', '--ignore'] + built + ['demo-cluster/agents:0.1.0', 'demo-cluster/redis:7.0'], new File(project, 'rmi.log'), 300)
}
true
