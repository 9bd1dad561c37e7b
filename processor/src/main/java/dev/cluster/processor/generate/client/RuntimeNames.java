package dev.cluster.processor.generate.client;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types the generated client uses. The processor does not depend on the runtime module, so
 * they are named, not loaded: these constants are the one place that spells them.
 */
final class RuntimeNames {
  private RuntimeNames() {}

  private static final String DEPLOY = "dev.cluster.runtime.deploy";

  static final ClassName CLUSTER_DESCRIPTOR = ClassName.get(DEPLOY, "ClusterDescriptor");
  static final ClassName STACK_PARAMETER = ClassName.get(DEPLOY, "StackParameter");
  static final ClassName PORT_OPENING = ClassName.get(DEPLOY, "PortOpening");
  static final ClassName UNIT_FILE = ClassName.get(DEPLOY, "UnitFile");
  static final ClassName SECRET_REF = ClassName.get(DEPLOY, "SecretRef");
  static final ClassName NODE_GROUP_INFO = ClassName.get(DEPLOY, "NodeGroupInfo");
  static final ClassName SERVICE_INFO = ClassName.get(DEPLOY, "ServiceInfo");
  static final ClassName DEPLOY_CLI = ClassName.get(DEPLOY, "DeployCli");
}
