package dev.cluster.processor.generate.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cluster.contract.patroni.PatroniScope;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.generate.config.frontdoor.FrontDoorConfig;
import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.generate.template.ParameterOpenings;
import dev.cluster.processor.generate.template.PortOpening;
import dev.cluster.processor.generate.template.TemplateGenerator;
import dev.cluster.processor.generate.template.TemplateParameter;
import dev.cluster.processor.generate.template.TemplateParameters;
import dev.cluster.processor.generate.units.FleetUnit;
import dev.cluster.processor.generate.units.FleetUnitsGenerator;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.UnitNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * The typed deploy client: a class {@code <ClusterClass>Cluster} beside the cluster class, holding
 * the cluster's descriptor, an accessor per service and node group, a staged builder of the stack
 * parameters in which none can be forgotten, and the jar's {@code main}. All it does is hand the
 * descriptor to the runtime's {@code DeployCli}. The descriptor (parameters with the ports each
 * address range opens, units, secrets, services) is data, {@code cluster/<name>/descriptor.json},
 * which the client loads: code per unit made the client of a 1000-service cluster 780 KB of source
 * for javac to compile.
 */
public final class ClientGenerator {
  /**
   * The runtime class the generated client's main calls; its presence means the runtime is on the
   * class path.
   */
  public static final String RUNTIME_ENTRY_POINT = RuntimeNames.DEPLOY_CLI.canonicalName();

  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final Set<String> TAKEN = Set.of("main", "parameters", "descriptor", "nodeGroup");

  public static ClassName clientName(ClusterModel model) {
    String clusterClass = model.cluster().id();
    String simpleName = clusterClass.substring(clusterClass.lastIndexOf('.') + 1);
    return ClassName.get(model.cluster().packageName(), simpleName + "Cluster");
  }

  /** The client's source and the descriptor it loads. */
  public record Client(JavaFile source, GeneratedFile descriptor) {}

  public Client generate(ClusterModel model) {
    ClassName client = clientName(model);
    String descriptorPath = OutputPaths.descriptor(model);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(client)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(
                AnnotationSpec.builder(GENERATED)
                    .addMember("value", "$S", "dev.cluster.processor.ClusterProcessor")
                    .addMember("comments", "$S", "from " + model.cluster().id())
                    .build())
            .addJavadoc(
                "Deploys and inspects cluster {@code $L}: run {@code java -jar <jar> --help}.\n",
                model.cluster().name())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    type.addField(
        FieldSpec.builder(
                RuntimeNames.CLUSTER_DESCRIPTOR,
                "DESCRIPTOR",
                Modifier.PUBLIC,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc(
                "Everything the deploy engine needs to know about cluster $L, from {@code $L}.\n",
                model.cluster().name(),
                descriptorPath)
            .initializer(
                "$T.load($T.class, $S)", RuntimeNames.DESCRIPTOR_JSON, client, descriptorPath)
            .build());

    List<ServiceSpec> services = model.services();
    for (int i = 0; i < services.size(); i++) {
      ServiceSpec service = services.get(i);
      type.addMethod(
          MethodSpec.methodBuilder(accessorName(service.name()))
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(RuntimeNames.SERVICE_INFO)
              .addJavadoc(
                  "Service {@code $L}: $L replica(s) on node group {@code $L}.\n",
                  service.name(),
                  service.replicas(),
                  groupName(model, service))
              .addStatement("return DESCRIPTOR.services().get($L)", i)
              .build());
    }
    type.addType(nodeGroupEnum(model));
    type.addType(Parameters.type(client, TemplateParameters.of(model)));
    type.addMethod(
        MethodSpec.methodBuilder("parameters")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(Parameters.firstStep(client, TemplateParameters.of(model)))
            .addJavadoc("The stack parameters, each required one in turn, then {@code build()}.\n")
            .addStatement(
                "return new $T()", client.nestedClass("Parameters").nestedClass("Builder"))
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("main")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(String[].class, "args")
            .addJavadoc("The jar's entry point; {@code --help} lists its commands.\n")
            .addStatement("System.exit($T.run(DESCRIPTOR, args))", RuntimeNames.DEPLOY_CLI)
            .build());
    JavaFile source =
        JavaFile.builder(client.packageName(), type.build())
            .skipJavaLangImports(true)
            .indent("  ")
            .build();
    return new Client(source, GeneratedFile.text(descriptorPath, Json.pretty(descriptor(model))));
  }

  /**
   * The contract's {@code ClusterDescriptor} as JSON, members named as its records' components (the
   * runtime's {@code DescriptorJson} reads it): parameters with the ports each address range opens,
   * units, secrets, node groups, services (each with its secrets' ids and, for a {@code @Postgres}
   * database, its Patroni keys and which unit runs each member).
   */
  static ObjectNode descriptor(ClusterModel model) {
    List<FleetUnit> units = FleetUnitsGenerator.units(model);
    String unitDir = OutputPaths.units(model);
    ObjectNode root =
        Json.object()
            .put("name", model.cluster().name())
            .put("defaultRegion", model.cluster().region())
            .put("templateResource", OutputPaths.template(model));
    ArrayNode parameters = root.putArray("parameters");
    for (TemplateParameter parameter : TemplateParameters.of(model)) {
      ArrayNode opens =
          parameters
              .addObject()
              .put("name", parameter.name())
              .put("description", parameter.description())
              .putArray("opens");
      for (PortOpening opening : ParameterOpenings.of(model, parameter.name())) {
        opens
            .addObject()
            .put("nodeGroup", opening.nodeGroup())
            .put("protocol", opening.protocol())
            .put("fromPort", opening.fromPort())
            .put("toPort", opening.toPort())
            .put("description", opening.description());
      }
    }
    ArrayNode unitArray = root.putArray("units");
    Map<String, List<String>> unitNames = new HashMap<>();
    for (FleetUnit unit : units) {
      unitArray
          .addObject()
          .put("name", unit.unit().name())
          .put("resource", unitDir + unit.unit().name())
          .put("service", unit.owner())
          .put("instances", unit.instances());
      unitNames.computeIfAbsent(unit.owner(), o -> new ArrayList<>()).add(unit.unit().name());
    }
    Map<String, List<String>> secretUsers = new HashMap<>();
    for (ServiceSpec service : model.services()) {
      new LinkedHashSet<>(service.secrets())
          .forEach(
              id -> secretUsers.computeIfAbsent(id, i -> new ArrayList<>()).add(service.name()));
    }
    ArrayNode secrets = root.putArray("secrets");
    for (SecretSpec secret : model.secrets()) {
      ObjectNode item =
          secrets
              .addObject()
              .put("name", model.secretsManagerName(secret))
              .put("description", secret.description());
      strings(item, "usedBy", secretUsers.getOrDefault(secret.id(), List.of()));
      if (secret.generated()) {
        item.put("generated", true);
      }
    }
    ArrayNode groups = root.putArray("nodeGroups");
    for (NodeGroupSpec group : model.nodeGroups()) {
      ObjectNode item =
          groups
              .addObject()
              .put("name", group.name())
              .put("role", group.role().name())
              .put("minSize", group.minSize())
              .put("maxSize", group.maxSize());
      strings(item, "instanceTypes", group.instanceTypes());
      item.put("scalingGroupOutput", TemplateGenerator.scalingGroupOutput(group));
    }
    ArrayNode services = root.putArray("services");
    for (ServiceSpec service : model.services()) {
      service(
          model, service, unitNames.getOrDefault(service.name(), List.of()), services.addObject());
    }
    return root;
  }

  private static void service(
      ClusterModel model, ServiceSpec service, List<String> units, ObjectNode item) {
    item.put("name", service.name())
        .put("nodeGroup", groupName(model, service))
        .put("replicas", model.instancesOf(service));
    strings(item, "units", units);
    item.put("image", service.image());
    strings(
        item,
        "ports",
        service.ports().stream()
            .map(p -> p.number() + "/" + p.protocol() + (p.name().isEmpty() ? "" : " " + p.name()))
            .toList());
    PublicUrls.CLUSTER.of(model, service).ifPresent(url -> item.put("url", url));
    item.put("access", service.route().isPresent() ? FrontDoorConfig.access(model, service) : "");
    strings(item, "uses", model.used(service).stream().map(ServiceSpec::name).toList());
    strings(
        item, "secrets", model.secretsOf(service).stream().map(model::secretsManagerName).toList());
    if (service.postgres().isPresent()) {
      PatroniScope keys = PatroniScope.of(model.cluster().name(), service.name());
      ObjectNode patroni =
          item.putObject("patroni").put("namespace", keys.namespace()).put("scope", keys.scope());
      ObjectNode unitByMember = patroni.putObject("unitByMember");
      // a member is named after its replica's container (PATRONI_NAME, AppContainer), which its app
      // unit runs
      for (int replica = 1; replica <= model.instancesOf(service); replica++) {
        String instance = String.valueOf(replica);
        unitByMember.put(
            UnitNames.container(service.name()).replace("%i", instance),
            UnitNames.sameInstance(service.name()).replace("%i", instance));
      }
    }
  }

  private static void strings(ObjectNode node, String member, List<String> values) {
    ArrayNode array = node.putArray(member);
    values.forEach(array::add);
  }

  private static String groupName(ClusterModel model, ServiceSpec service) {
    return model.nodeGroup(service.runsOn()).map(NodeGroupSpec::name).orElseThrow();
  }

  private static TypeSpec nodeGroupEnum(ClusterModel model) {
    TypeSpec.Builder groups =
        TypeSpec.enumBuilder("NodeGroup")
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("The cluster's node groups.\n")
            .addField(String.class, "groupName", Modifier.PRIVATE, Modifier.FINAL)
            .addField(String.class, "role", Modifier.PRIVATE, Modifier.FINAL)
            .addField(int.class, "minSize", Modifier.PRIVATE, Modifier.FINAL)
            .addField(int.class, "maxSize", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addParameter(String.class, "groupName")
                    .addParameter(String.class, "role")
                    .addParameter(int.class, "minSize")
                    .addParameter(int.class, "maxSize")
                    .addStatement("this.groupName = groupName")
                    .addStatement("this.role = role")
                    .addStatement("this.minSize = minSize")
                    .addStatement("this.maxSize = maxSize")
                    .build());
    for (String field : List.of("groupName", "role")) {
      groups.addMethod(
          MethodSpec.methodBuilder(field)
              .addModifiers(Modifier.PUBLIC)
              .returns(String.class)
              .addStatement("return $L", field)
              .build());
    }
    for (String field : List.of("minSize", "maxSize")) {
      groups.addMethod(
          MethodSpec.methodBuilder(field)
              .addModifiers(Modifier.PUBLIC)
              .returns(int.class)
              .addStatement("return $L", field)
              .build());
    }
    for (NodeGroupSpec group : model.nodeGroups()) {
      groups.addEnumConstant(
          Names.envName(group.name()),
          TypeSpec.anonymousClassBuilder(
                  "$S, $S, $L, $L",
                  group.name(),
                  group.role().name(),
                  group.minSize(),
                  group.maxSize())
              .build());
    }
    return groups.build();
  }

  /**
   * A Java method name for a service: {@code gerrit-db -> gerritDb}, keywords and taken names
   * suffixed.
   */
  static String accessorName(String serviceName) {
    String name = Names.camel(serviceName);
    if (!SourceVersion.isIdentifier(name)
        || SourceVersion.isKeyword(name)
        || TAKEN.contains(name)) {
      name = name + "Service";
    }
    return SourceVersion.isIdentifier(name) ? name : "service" + Names.pascal(serviceName);
  }

  /** The staged builder of the stack parameters. */
  static final class Parameters {
    private Parameters() {}

    static ClassName firstStep(ClassName client, List<TemplateParameter> parameters) {
      return step(client, parameters.get(0));
    }

    private static ClassName step(ClassName client, TemplateParameter parameter) {
      return client.nestedClass("Parameters").nestedClass(Names.pascal(parameter.name()) + "Step");
    }

    static TypeSpec type(ClassName client, List<TemplateParameter> parameters) {
      ClassName holder = client.nestedClass("Parameters");
      ClassName done = holder.nestedClass("Done");
      ClassName builder = holder.nestedClass("Builder");
      TypeName map = ParameterizedTypeName.get(Map.class, String.class, String.class);
      TypeSpec.Builder type =
          TypeSpec.classBuilder("Parameters")
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("Stack parameters: every one is required, so each step names the next.\n")
              .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
      TypeSpec.Builder impl =
          TypeSpec.classBuilder("Builder")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addField(
                  FieldSpec.builder(map, "values", Modifier.PRIVATE, Modifier.FINAL)
                      .initializer("new $T<>()", LinkedHashMap.class)
                      .build());
      for (int i = 0; i < parameters.size(); i++) {
        TemplateParameter parameter = parameters.get(i);
        ClassName next = i + 1 < parameters.size() ? step(client, parameters.get(i + 1)) : done;
        String method = Names.camel(parameter.name());
        type.addType(
            TypeSpec.interfaceBuilder(step(client, parameter))
                .addModifiers(Modifier.PUBLIC)
                .addMethod(
                    MethodSpec.methodBuilder(method)
                        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                        .addJavadoc("$L.\n", parameter.description())
                        .addParameter(String.class, "value")
                        .returns(next)
                        .build())
                .build());
        impl.addSuperinterface(step(client, parameter));
        impl.addMethod(
            MethodSpec.methodBuilder(method)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(String.class, "value")
                .returns(next)
                .addStatement(
                    "values.put($S, $T.requireNonNull(value, $S))",
                    parameter.name(),
                    Objects.class,
                    parameter.name())
                .addStatement("return this")
                .build());
      }
      type.addType(
          TypeSpec.interfaceBuilder(done)
              .addModifiers(Modifier.PUBLIC)
              .addMethod(
                  MethodSpec.methodBuilder("build")
                      .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                      .addJavadoc("The values by parameter name, in template order.\n")
                      .returns(map)
                      .build())
              .addMethod(
                  MethodSpec.methodBuilder("toArguments")
                      .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                      .addJavadoc(
                          "The values as the command line's {@code --param Name=Value} arguments.\n")
                      .returns(ParameterizedTypeName.get(List.class, String.class))
                      .build())
              .build());
      impl.addSuperinterface(done);
      impl.addMethod(
          MethodSpec.methodBuilder("build")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(map)
              .addStatement(
                  "return $T.unmodifiableMap(new $T<>(values))",
                  Collections.class,
                  LinkedHashMap.class)
              .build());
      impl.addMethod(
          MethodSpec.methodBuilder("toArguments")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(ParameterizedTypeName.get(List.class, String.class))
              .addStatement("$T<String> arguments = new $T<>()", List.class, ArrayList.class)
              .addStatement(
                  "values.forEach((name, value) -> { arguments.add($S); arguments.add(name + $S + value); })",
                  "--param",
                  "=")
              .addStatement("return $T.copyOf(arguments)", List.class)
              .build());
      return type.addType(impl.build()).build();
    }
  }
}
