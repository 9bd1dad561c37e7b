package dev.cluster.processor.generate.config;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;

/**
 * Where each config file lives: in the output ({@code cluster/<name>/config/...}), in etcd (the
 * deploy engine copies every file under {@code config/} to the etcd v3 key {@code /} + its output
 * path), and on a machine once a unit has fetched it ({@code /run/cluster/config/...}).
 */
public final class ConfigPaths {
  private static final String MACHINE_DIR = "/run/cluster/config/";

  private ConfigPaths() {}

  /** The directory of one service's ambassador configs, relative to {@code config/}. */
  public static String ambassadorsOf(ServiceSpec user) {
    return "ambassadors/" + user.name();
  }

  /** The JSON of one ambassador listener, named by {@code AmbassadorSpec.name(listener)}. */
  public static String ambassadorJson(ServiceSpec user, String ambassadorName) {
    return ambassadorsOf(user) + "/" + ambassadorName + ".json";
  }

  public static String patroni(ServiceSpec database) {
    return "patroni/" + database.name() + ".yml";
  }

  /** The realm the identity provider imports at start. */
  public static String realm(ServiceSpec provider, String realm) {
    return serviceFile(provider, realm + "-realm.json");
  }

  /** One of the front door's nginx server files. */
  public static String frontDoor(String fileName) {
    return "front-door/" + fileName;
  }

  /** What an API proxy service reads at start. */
  public static String apiProxy(ServiceSpec service) {
    return serviceFile(service, "api-proxy.json");
  }

  /** One file of a service's own configuration ({@code generate/services}). */
  public static String serviceFile(ServiceSpec service, String fileName) {
    return service.name() + "/" + fileName;
  }

  /** The output path of a file relative to {@code config/}. */
  public static String output(ClusterModel model, String relative) {
    return OutputPaths.config(model) + relative;
  }

  /** The etcd key the deploy engine stores it under. */
  public static String etcdKey(ClusterModel model, String relative) {
    return EtcdKeys.config(model.cluster().name(), relative);
  }

  /** Where a unit writes it on the machine. */
  public static String onMachine(String relative) {
    return MACHINE_DIR + relative;
  }
}
