package dev.cluster.processor.generate.client;

import com.palantir.javapoet.ClassName;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.ServiceInfo;

/**
 * The types the generated client uses. The descriptor's records are the contract's, which the
 * processor depends on; the processor does not depend on the runtime module, so its types are
 * named, not loaded: these constants are the one place that spells them.
 */
final class RuntimeNames {
  private RuntimeNames() {}

  private static final String DEPLOY = "dev.cluster.runtime.deploy";

  static final ClassName CLUSTER_DESCRIPTOR = ClassName.get(ClusterDescriptor.class);
  static final ClassName DESCRIPTOR_JSON = ClassName.get(DEPLOY, "DescriptorJson");
  static final ClassName SERVICE_INFO = ClassName.get(ServiceInfo.class);
  static final ClassName DEPLOY_CLI = ClassName.get(DEPLOY, "DeployCli");
}
