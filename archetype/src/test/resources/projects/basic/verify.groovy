// After the generated project's `mvn verify` (its own tests included): its jar runs and describes the cluster
// that archetype.properties and the archetype's classes declare. `basedir` is this folder; the archetype
// plugin generated the project under project/<artifactId>.
import java.util.concurrent.TimeUnit

File project = new File(basedir as File, 'project/demo-cluster')
File jar = new File(project, 'target/demo-cluster.jar')
assert jar.isFile() : "the generated project's build did not make ${jar}"
String javaBin = new File(System.getProperty('java.home'), 'bin/java').path
Process process = new ProcessBuilder(javaBin, '-jar', jar.path, 'describe').directory(project)
    .redirectErrorStream(true).start()
process.outputStream.close()
def output = new ByteArrayOutputStream()
Thread reader = process.consumeProcessOutputStream(output)
if (!process.waitFor(120, TimeUnit.SECONDS)) {
  process.destroyForcibly().waitFor()
  reader.join()
  assert false : "describe did not finish in 120 s:\n${output}"
}
reader.join()
String shown = output.toString('UTF-8')
println shown
assert process.exitValue() == 0 : "describe failed (exit ${process.exitValue()}):\n${shown}"

List<List<String>> rows = shown.readLines().collect { it.trim().split(/\s+/) as List }
def hasRow = { List<String> start -> rows.any { it.size() >= start.size() && it.take(start.size()) == start } }
assert shown.readLines()[0] == 'Cluster demo-cluster (stack demo-cluster, default region us-west-2)' : shown
assert hasRow(['main', 'MAIN', '3']) : "the MAIN group of 3:\n${shown}"
assert hasRow(['workers', 'WORKER', '2..4']) : "the WORKER group of 2 to 4:\n${shown}"
assert hasRow(['web', 'workers', '2']) && hasRow(['cache', 'workers', '1']) : "the services' replicas:\n${shown}"
assert hasRow(['web', 'dev-cluster/web:0.1.0', '80/tcp', 'http', '-', 'cache']) : "web on port 80, using cache:\n${shown}"
assert hasRow(['cache', 'dev-cluster/redis:7.0', '6379/tcp', 'redis']) : "the cache:\n${shown}"
true
