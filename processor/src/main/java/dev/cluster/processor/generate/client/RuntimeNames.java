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
  static final ClassName DESCRIPTOR_JSON = ClassName.get(DEPLOY, "DescriptorJson");
  static final ClassName SERVICE_INFO = ClassName.get(DEPLOY, "ServiceInfo");
  static final ClassName DEPLOY_CLI = ClassName.get(DEPLOY, "DeployCli");
}
