package dev.cluster.processor.generate.config.apiproxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.config.ConfigPaths;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ApiProxySpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Comparator;
import java.util.List;

/**
 * {@code cluster/<name>/config/<service>/api-proxy.json} for each service with {@code @ApiProxy}s:
 * what the API proxy app ({@code containers/api-proxy}) reads at start. It names the environment
 * variable each key arrives in (the key's {@code @Secret}, given to the app by its unit from
 * Secrets Manager), never a key itself. APIs are sorted by prefix.
 */
public final class ApiProxyConfigGenerator implements Generator {
  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    return model.services().stream()
        .filter(service -> !service.apiProxies().isEmpty())
        .map(
            service ->
                GeneratedFile.text(path(model, service), Json.pretty(config(model, service))))
        .toList();
  }

  public static String path(ClusterModel model, ServiceSpec service) {
    return ConfigPaths.output(model, ConfigPaths.apiProxy(service));
  }

  private static ObjectNode config(ClusterModel model, ServiceSpec service) {
    ObjectNode config = Json.object();
    config.put("service", service.name());
    ArrayNode apis = config.putArray("apis");
    service.apiProxies().stream()
        .sorted(Comparator.comparing(ApiProxySpec::prefix))
        .forEach(proxy -> apis.add(api(model, proxy)));
    return config;
  }

  private static ObjectNode api(ClusterModel model, ApiProxySpec proxy) {
    ObjectNode api = Json.object();
    api.put("prefix", proxy.prefix());
    api.put("upstream", proxy.upstream());
    api.put(
        "keyEnv",
        model
            .secret(proxy.keySecretId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "validation (api-proxy-key) lets no model through whose key is not a @Secret: "
                            + proxy.keySecretId()))
            .env());
    api.put("keyIn", proxy.keyIn());
    api.put("keyName", proxy.keyName());
    api.put("cacheSeconds", proxy.cacheSeconds());
    proxy.methods().forEach(api.putArray("methods")::add);
    proxy.paths().forEach(api.putArray("paths")::add);
    api.put("ratePerMinute", proxy.ratePerMinute());
    return api;
  }
}
