package dev.cluster.processor.generate.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code mongod.conf} (one replica-set member on each machine of the DATA group) and {@code
 * init-replica-set.js}, which the unit runs in the container with {@code mongosh} once mongod has
 * started. The script takes the members from {@link DataPeers} ({@code process.env}): the first
 * machine initiates the set with every machine; a machine that is not a member of a running set (a
 * replacement) is added by the primary. It is idempotent: a member already in the set does nothing.
 */
final class MongoConfig {
  static final String MOUNT_DIR = "/etc/mongo/";

  private MongoConfig() {}

  static ServiceConfig of(ClusterModel model, ServiceSpec mongo) {
    String set = ServiceConfigs.clusterScopedName(model, mongo);
    int port = ServiceConfigs.port(mongo, "mongo", 0);
    ObjectNode settings = Yaml.mapping();
    settings.putObject("net").put("port", port).put("bindIpAll", true);
    settings.putObject("replication").put("replSetName", set);
    settings.putObject("storage").put("dbPath", "/data");
    String conf =
        Yaml.document(
            "MongoDB of cluster "
                + model.cluster().name()
                + ", generated from the model: do not edit.\n"
                + "The members of the replica set are added by init-replica-set.js.",
            settings);
    String init =
        "// Replica set "
            + set
            + " of cluster "
            + model.cluster().name()
            + ", generated from the model: do not edit.\n"
            + "// Run on every member after mongod starts: mongosh --nodb --file init-replica-set.js\n"
            + "const setName = "
            + jsString(set)
            + ";\n"
            + "const port = "
            + port
            + ";\n"
            + "const peers = (process.env."
            + DataPeers.ALL
            + " || '').split(',').filter(ip => ip).map(ip => ip + ':' + port);\n"
            + "const self = process.env."
            + DataPeers.SELF
            + " + ':' + port;\n"
            + "if (peers.length === 0 || !peers.includes(self)) {\n"
            + "  throw new Error('"
            + DataPeers.ALL
            + " (' + peers + ') must list this machine (' + self + ')');\n"
            + "}\n"
            + "\n"
            + "function admin(host) {\n"
            + "  try {\n"
            + "    return new Mongo('mongodb://' + host + '/?directConnection=true&serverSelectionTimeoutMS=2000')"
            + ".getDB('admin');\n"
            + "  } catch (e) {\n"
            + "    return null;\n"
            + "  }\n"
            + "}\n"
            + "\n"
            + "function primary() {\n"
            + "  for (const host of peers.filter(h => h !== self)) {\n"
            + "    const db = admin(host);\n"
            + "    const hello = db && db.runCommand({ hello: 1 });\n"
            + "    if (hello && hello.setName === setName && hello.isWritablePrimary) {\n"
            + "      return db;\n"
            + "    }\n"
            + "  }\n"
            + "  return null;\n"
            + "}\n"
            + "\n"
            + "// Member of the set: done. A running set without it: its primary adds it. No set anywhere: the first\n"
            + "// machine initiates it with every machine (retried until the others answer).\n"
            + "function step(local) {\n"
            + "  if (local.runCommand({ hello: 1 }).setName === setName) {\n"
            + "    return true;\n"
            + "  }\n"
            + "  const running = primary();\n"
            + "  if (running) {\n"
            + "    const config = running.runCommand({ replSetGetConfig: 1 }).config;\n"
            + "    if (!config.members.some(m => m.host === self)) {\n"
            + "      config.members.push({ _id: Math.max(...config.members.map(m => m._id)) + 1, host: self });\n"
            + "      config.version += 1;\n"
            + "      running.runCommand({ replSetReconfig: config });\n"
            + "    }\n"
            + "  } else if (self === peers[0]) {\n"
            + "    local.runCommand({ replSetInitiate: { _id: setName, members: peers.map((host, i) => ({ _id: i, host })) } });\n"
            + "  }\n"
            + "  return false;\n"
            + "}\n"
            + "\n"
            + "const deadline = Date.now() + 8 * 60 * 1000;\n"
            + "for (;;) {\n"
            + "  const local = admin('127.0.0.1:' + port);\n"
            + "  if (local && step(local)) {\n"
            + "    print(self + ' is a member of ' + setName);\n"
            + "    break;\n"
            + "  }\n"
            + "  if (Date.now() > deadline) {\n"
            + "    throw new Error(self + ' did not join ' + setName + ' within 8 minutes (the unit allows 10)');\n"
            + "  }\n"
            + "  sleep(2000);\n"
            + "}\n";
    return new ServiceConfig(
        List.of(
            new ServiceConfigFile("mongod.conf", MOUNT_DIR + "mongod.conf", conf),
            new ServiceConfigFile("init-replica-set.js", MOUNT_DIR + "init-replica-set.js", init)),
        List.of("--config", MOUNT_DIR + "mongod.conf"),
        true,
        Optional.of(
            List.of("mongosh", "--quiet", "--nodb", "--file", MOUNT_DIR + "init-replica-set.js")));
  }

  private static String jsString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
