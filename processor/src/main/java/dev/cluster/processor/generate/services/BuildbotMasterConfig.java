package dev.cluster.processor.generate.services;

import dev.cluster.processor.generate.config.frontdoor.FrontDoorConfig;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;

/**
 * Buildbot's {@code master.cfg} for the image of {@code containers/buildbot-master}: its own
 * Postgres through its ambassador (the address from the model, which {@code DB_HOST}/{@code
 * DB_PORT} override, as the unit sets them to the same), the port its workers connect to ({@code
 * workers}) and its web port ({@code http}) from the model, its title and URL from its route, and
 * the web UI's user from the front door's {@value FrontDoorConfig#USER_HEADER}. The web server
 * listens on 127.0.0.1 only, behind the front door's guard on the web port ({@link GuardedPort}),
 * which believes that header only with the front door's proof.
 *
 * <p>Secrets come from the environment: the database's password, and the workers as {@value
 * #WORKERS_ENV} = {@code name:password} pairs separated by spaces (a {@code @Secret} of the
 * service). What to build is the team's, not the model's: {@value #BUILDERS_FILE} on the master's
 * synced volume is executed with {@code c} (the config dict) in scope to add change sources,
 * schedulers and builders, so builds change without a deploy.
 */
final class BuildbotMasterConfig {
  static final String MOUNT_PATH = "/etc/buildbot/master.cfg";
  static final String WORKERS_ENV = "BUILDBOT_WORKERS";
  static final String BUILDERS_FILE = "/var/lib/buildbot/builders.py";

  private BuildbotMasterConfig() {}

  static ServiceConfig of(ClusterModel model, ServiceSpec buildbot) {
    DatabaseAccess db =
        DatabaseAccess.of(model, buildbot)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Buildbot service "
                            + buildbot.name()
                            + " has no @Postgres (rule [service-config] refuses this)"));
    String url = ServiceConfigs.publicUrl(model, buildbot) + "/";
    String cfg =
        "# Buildbot master of cluster "
            + model.cluster().name()
            + ", generated from the model: do not edit.\n"
            + "# Secrets come from the environment (Secrets Manager, through the unit's secrets-env): the database's\n"
            + "# password and "
            + WORKERS_ENV
            + " ('name:password' pairs separated by spaces). What to build is in\n"
            + "# "
            + BUILDERS_FILE
            + " (override: BUILDBOT_BUILDERS), run with c in scope.\n"
            + "import os\n"
            + "from urllib.parse import quote\n"
            + "from buildbot import config\n"
            + "from buildbot.plugins import util, worker\n"
            + "\n"
            + "\n"
            + "def setting(name, default):\n"
            + "    return os.environ.get(name) or default\n"
            + "\n"
            + "\n"
            + "def required(name):\n"
            + "    value = os.environ.get(name)\n"
            + "    if not value:\n"
            + "        config.error(name + ' is not set')\n"
            + "    return value or ''\n"
            + "\n"
            + "\n"
            + "c = BuildmasterConfig = {}\n"
            + "c['title'] = "
            + literal(model.cluster().name() + " " + buildbot.name())
            + "\n"
            + "c['titleURL'] = "
            + literal(url)
            + "\n"
            + "c['buildbotURL'] = "
            + literal(url)
            + "\n"
            + "c['buildbotNetUsageData'] = None\n"
            + "c['protocols'] = {'pb': {'port': int(setting('BUILDBOT_WORKER_PORT', '"
            + ServiceConfigs.port(buildbot, "workers", 1)
            + "'))}}\n"
            + "c['www'] = {\n"
            + "    'port': 'tcp:{}:interface=127.0.0.1'.format(int(setting("
            + literal(GuardedPort.BACKEND_PORT_ENV)
            + ", '"
            + GuardedPort.of(buildbot).orElseThrow().backendPort()
            + "'))),\n"
            + "    'auth': util.RemoteUserAuth(header="
            + bytesLiteral(FrontDoorConfig.USER_HEADER)
            + ", headerRegex=rb'(?P<username>[^ @]+)'),\n"
            + "}\n"
            + "c['db'] = {'db_url': 'postgresql://{}:{}@{}:{}/{}'.format(\n"
            + "    "
            + literal(db.user())
            + ", quote(required("
            + literal(db.passwordEnv())
            + "), safe=''),\n"
            + "    setting("
            + literal(db.hostEnv())
            + ", "
            + literal(db.host())
            + "), setting("
            + literal(db.portEnv())
            + ", '"
            + db.port()
            + "'), "
            + literal(db.database())
            + ")}\n"
            + "c['workers'] = [worker.Worker(*pair.split(':', 1)) for pair in required("
            + literal(WORKERS_ENV)
            + ").split()]\n"
            + "c['change_source'] = []\n"
            + "c['schedulers'] = []\n"
            + "c['builders'] = []\n"
            + "\n"
            + "builders = setting('BUILDBOT_BUILDERS', "
            + literal(BUILDERS_FILE)
            + ")\n"
            + "if os.path.exists(builders):\n"
            + "    with open(builders) as source:\n"
            + "        exec(compile(source.read(), builders, 'exec'), {'c': c})\n"
            + "else:\n"
            + "    config.error('no builders: the team\\'s builds belong in ' + builders)\n";
    return ServiceConfig.files(new ServiceConfigFile("master.cfg", MOUNT_PATH, cfg));
  }

  /** A Python single-quoted string. */
  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String bytesLiteral(String text) {
    return "b" + literal(text);
  }
}
