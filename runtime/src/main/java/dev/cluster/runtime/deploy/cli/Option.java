package dev.cluster.runtime.deploy.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every option the deploy client understands; which command accepts which is in {@link
 * CommandSpec}.
 */
public enum Option {
  HELP("--help", null, false, "show help for the command"),
  REGION("--region", "REGION", false, "AWS region (default: the cluster's default region)"),
  PROFILE(
      "--profile",
      "NAME",
      false,
      "AWS profile from ~/.aws (default: the SDK's default credential chain)"),
  ENDPOINT_URL(
      "--endpoint-url",
      "URL",
      false,
      "CloudFormation endpoint (a CloudFormation-compatible service)"),
  SECRETS_ENDPOINT_URL("--secrets-endpoint-url", "URL", false, "Secrets Manager endpoint"),
  OUTPUT("--output", "text|json", false, "output format; json is for scripts (default: text)"),
  STACK("--stack", "NAME", false, "stack name (default: the cluster name)"),
  PARAM(
      "--param",
      "NAME=VALUE",
      true,
      "stack parameter value; repeatable (on updates, required ones not given keep their value)"),
  ALLOW_WORLD(
      "--allow-world",
      "PARAM",
      true,
      "let stack parameter PARAM, an address range the template opens ports to, be 0.0.0.0/0 or ::/0 (the whole"
          + " internet), which is refused otherwise; repeatable"),
  FLEET_URL("--fleet-url", "URL", false, "fleet API endpoint, e.g. http://10.0.0.5:49153"),
  TUNNEL(
      "--tunnel",
      "USER@HOST",
      false,
      "reach fleet through ssh to a main node (ssh -L to its port 49153, and to etcd's 2379)"),
  ETCD_URL(
      "--etcd-url",
      "URL",
      false,
      "etcd client URL (its v3 API, plain http) for storing the config files, e.g. http://10.0.0.5:2379 (with --tunnel: forwarded)"),
  SKIP_UNITS("--skip-units", null, false, "deploy the stack only; leave fleet units alone"),
  YES("--yes", null, false, "do not ask for confirmation"),
  TEMPLATE_BUCKET(
      "--template-bucket",
      "BUCKET",
      false,
      "S3 bucket for the template (passed to CloudFormation by URL) and the machines' boot configs (deploy uploads them)"),
  S3_ENDPOINT_URL(
      "--s3-endpoint-url",
      "URL",
      false,
      "S3 endpoint for --template-bucket (an S3-compatible service; path-style)"),
  FROM_FILE(
      "--from-file",
      "FILE",
      false,
      "read the secret value from FILE instead of standard input (one final line break is dropped, as from standard input)"),
  GENERATE(
      "--generate",
      null,
      false,
      "store a new random value (256 bits, URL-safe base64) instead of reading one"),
  KEYCLOAK_URL(
      "--keycloak-url", "URL", false, "the identity provider, e.g. https://id.example.com"),
  REALM("--realm", "NAME", false, "the realm of the team's accounts (default: team)"),
  ADMIN_USER(
      "--admin-user",
      "NAME",
      false,
      "Keycloak admin of the master realm; password from the terminal or standard input (default: admin)"),
  EMAIL("--email", "ADDRESS", false, "the user's email address"),
  GROUP("--group", "GROUP", true, "a group to join; repeatable"),
  REMOVE_GROUP("--remove-group", "GROUP", true, "a group to leave; repeatable"),
  SNAPSHOT_BUCKET(
      "--snapshot-bucket",
      "BUCKET",
      false,
      "the etcd snapshot bucket (default: the stack's output EtcdSnapshotBucketName)"),
  SNAPSHOT(
      "--snapshot",
      "KEY",
      false,
      "the snapshot to restore, as its key in the bucket (default: the newest)"),
  SNAPSHOT_DIR(
      "--snapshot-dir",
      "DIR",
      false,
      "where recover saves the snapshot it restores (default: the current directory)"),
  EC2_ENDPOINT_URL(
      "--ec2-endpoint-url",
      "URL",
      false,
      "EC2 and Auto Scaling endpoint (a compatible service answering both query protocols)"),
  CONTAINERS(
      "--containers",
      "DIR",
      false,
      "the team's containers/ folder, one folder per image (default: ./containers when"
          + " there is one; images also look in the framework's sources shipped in the jar)"),
  MAVEN_REPO(
      "--maven-repo",
      "DIR|URL",
      true,
      "a Maven repository (a folder, or a Maven-layout URL such as"
          + " https://repo.maven.apache.org/maven2) holding the framework's app image artifacts, dev.cluster:APP:VERSION,"
          + " classifier image, for the images that copy an app built by Maven; repeatable, looked in in order"
          + " (default: ~/.m2/repository)"),
  BASE_BOOKWORM(
      "--base-bookworm",
      "IMAGE",
      false,
      "build the Debian 12 images on this base instead of their pinned public one"
          + " (a machine without Docker Hub; the image is then not the one its content tag names elsewhere)"),
  BASE_TRIXIE("--base-trixie", "IMAGE", false, "the same for the Debian 13 images"),
  ECR_ENDPOINT_URL("--ecr-endpoint-url", "URL", false, "ECR endpoint (an ECR-compatible service)"),
  LOCAL_PREFIX(
      "--prefix",
      "PREFIX",
      false,
      "name prefix of the local cluster's containers and network (default: local-CLUSTER-,"
          + " or $DEV_CLUSTER_LOCAL_PREFIX)"),
  MACHINES(
      "--machines",
      "GROUP=N",
      true,
      "machines of node group GROUP on this machine (default: MAIN and DATA groups their"
          + " declared minimum, others at most 2); repeatable"),
  FLEET_DIR(
      "--fleet-dir",
      "DIR",
      false,
      "folder with fleet 1.0.0's fleetd and fleetctl (default: $DEV_CLUSTER_FLEET_DIR, or"
          + " /var/cache/dev-cluster/fleet-1.0.0/bin, where runtime/scripts/fleet-build.sh builds it)"),
  DRY_RUN("--dry-run", null, false, "say what would be killed; change nothing"),
  TIMEOUT(
      "--timeout",
      "SECONDS",
      false,
      "how long to wait for the cluster to be whole again (default: 600)"),
  VERSION(
      "--version",
      null,
      false,
      "print the deploy client's runtime version, the cluster's name and its template's SHA-256"),
  DEBUG("--debug", null, false, "on an error, also print its cause chain and stack trace"),
  DETAILED_EXITCODE(
      "--detailed-exitcode",
      null,
      false,
      "exit 0 when nothing would change, 2 when something would, 1 on an error"),
  OUT(
      "--out",
      "FILE",
      false,
      "keep the change set and save the plan to FILE, for `deploy --plan FILE`"),
  PLAN(
      "--plan",
      "FILE",
      false,
      "execute exactly the change set a `plan --out FILE` saved, refused if the stack changed since");

  private final String flag;
  private final String valueLabel;
  private final boolean repeatable;
  private final String help;

  Option(String flag, String valueLabel, boolean repeatable, String help) {
    this.flag = flag;
    this.valueLabel = valueLabel;
    this.repeatable = repeatable;
    this.help = help;
  }

  public String flag() {
    return flag;
  }

  /** What its value is, as help shows it ({@code REGION}); empty for a flag. */
  public Optional<String> valueLabel() {
    return Optional.ofNullable(valueLabel);
  }

  public boolean takesValue() {
    return valueLabel != null;
  }

  public boolean repeatable() {
    return repeatable;
  }

  public String help() {
    return help;
  }

  /** The option as shown in help, e.g. {@code --region REGION}. */
  public String synopsis() {
    return takesValue() ? flag + " " + valueLabel : flag;
  }

  static Optional<Option> byFlag(String flag) {
    if (flag.equals("-h")) {
      return Optional.of(HELP);
    }
    return Arrays.stream(values()).filter(option -> option.flag.equals(flag)).findFirst();
  }
}
