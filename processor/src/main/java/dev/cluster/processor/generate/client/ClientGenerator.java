package dev.cluster.processor.generate.client;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cluster.processor.generate.template.TemplateGenerator;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.generate.config.frontdoor.FrontDoorConfig;
import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.generate.template.ParameterOpenings;
import dev.cluster.processor.generate.template.PortOpening;
import dev.cluster.processor.generate.template.TemplateParameter;
import dev.cluster.processor.generate.template.TemplateParameters;
import dev.cluster.processor.generate.units.FleetUnit;
import dev.cluster.processor.generate.units.FleetUnitsGenerator;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * The typed deploy client: a class {@code <ClusterClass>Cluster} beside the cluster class, holding the
 * cluster's descriptor (parameters with the ports each address range opens, units, secrets, services), an
 * accessor per service and node group, a staged builder of the stack parameters in which none can be
 * forgotten, and the jar's {@code main}. All it does is hand the descriptor to the runtime's {@code DeployCli}.
 */
public final class ClientGenerator {
  /** The runtime class the generated client's main calls; its presence means the runtime is on the class path. */
  public static final String RUNTIME_ENTRY_POINT = RuntimeNames.DEPLOY_CLI.canonicalName();

  /** Entries per generated method: keeps each method far below the JVM's 64 KiB code limit. */
  static final int CHUNK = 100;

  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName LIST = ClassName.get(List.class);
  private static final Set<String> TAKEN = Set.of("main", "parameters", "descriptor", "nodeGroup");

  public static ClassName clientName(ClusterModel model) {
    String clusterClass = model.cluster().id();
    String simpleName = clusterClass.substring(clusterClass.lastIndexOf('.') + 1);
    return ClassName.get(model.cluster().packageName(), simpleName + "Cluster");
  }

  public JavaFile generate(ClusterModel model) {
    ClassName client = clientName(model);
    List<FleetUnit> units = FleetUnitsGenerator.units(model);
    String unitDir = OutputPaths.units(model);
    TypeSpec.Builder type = TypeSpec.classBuilder(client)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(AnnotationSpec.builder(GENERATED)
            .addMember("value", "$S", "dev.cluster.processor.ClusterProcessor")
            .addMember("comments", "$S", "from " + model.cluster().id())
            .build())
        .addJavadoc("Deploys and inspects cluster {@code $L}: run {@code java -jar <jar> --help}.\n", model.cluster().name())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    type.addField(FieldSpec.builder(RuntimeNames.CLUSTER_DESCRIPTOR, "DESCRIPTOR", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Everything the deploy engine needs to know about cluster $L.\n", model.cluster().name())
        .initializer("new $T($S, $S, $S, parameterList(), unitList(), secretList(), nodeGroupList(), serviceList())",
            RuntimeNames.CLUSTER_DESCRIPTOR, model.cluster().name(), model.cluster().region(), OutputPaths.template(model))
        .build());

    addList(type, "parameterList", RuntimeNames.STACK_PARAMETER, TemplateParameters.of(model), p -> CodeBlock.of(
        "new $T($S, $S, $T.empty(), $L)", RuntimeNames.STACK_PARAMETER, p.name(), p.description(), Optional.class,
        openings(ParameterOpenings.of(model, p.name()))));
    addList(type, "unitList", RuntimeNames.UNIT_FILE, units, u -> CodeBlock.of("new $T($S, $S, $S, $L)",
        RuntimeNames.UNIT_FILE, u.unit().name(), unitDir + u.unit().name(), u.owner(), u.instances()));
    addList(type, "secretList", RuntimeNames.SECRET_REF, model.secrets(), s -> secret(model, s));
    addList(type, "nodeGroupList", RuntimeNames.NODE_GROUP_INFO, model.nodeGroups(), g -> CodeBlock.of(
        "new $T($S, $S, $L, $L, $L, $S)", RuntimeNames.NODE_GROUP_INFO, g.name(), g.role().name(), g.minSize(),
        g.maxSize(), stringList(g.instanceTypes()), TemplateGenerator.scalingGroupOutput(g)));
    addList(type, "serviceList", RuntimeNames.SERVICE_INFO, model.services(), s -> service(model, s, units));

    List<ServiceSpec> services = model.services();
    for (int i = 0; i < services.size(); i++) {
      ServiceSpec service = services.get(i);
      type.addMethod(MethodSpec.methodBuilder(accessorName(service.name()))
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .returns(RuntimeNames.SERVICE_INFO)
          .addJavadoc("Service {@code $L}: $L replica(s) on node group {@code $L}.\n",
              service.name(), service.replicas(), groupName(model, service))
          .addStatement("return DESCRIPTOR.services().get($L)", i)
          .build());
    }
    type.addType(nodeGroupEnum(model));
    type.addType(Parameters.type(client, TemplateParameters.of(model)));
    type.addMethod(MethodSpec.methodBuilder("parameters")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(Parameters.firstStep(client, TemplateParameters.of(model)))
        .addJavadoc("The stack parameters, each required one in turn, then {@code build()}.\n")
        .addStatement("return new $T()", client.nestedClass("Parameters").nestedClass("Builder"))
        .build());
    type.addMethod(MethodSpec.methodBuilder("main")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addParameter(String[].class, "args")
        .addJavadoc("The jar's entry point: {@code plan | deploy | status | units | secrets | describe | destroy}.\n")
        .addStatement("System.exit($T.run(DESCRIPTOR, args))", RuntimeNames.DEPLOY_CLI)
        .build());
    return JavaFile.builder(client.packageName(), type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  /** A private static method {@code name()} returning the items, filled in chunks of {@link #CHUNK}. */
  private static <T> void addList(
      TypeSpec.Builder type, String name, ClassName element, List<T> items, Function<T, CodeBlock> entry) {
    TypeName listType = ParameterizedTypeName.get(LIST, element);
    TypeName arrayList = ParameterizedTypeName.get(ClassName.get(ArrayList.class), element);
    MethodSpec.Builder all = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(listType)
        .addStatement("$T all = new $T()", arrayList, arrayList);
    for (int start = 0, chunk = 0; start < items.size(); start += CHUNK, chunk++) {
      MethodSpec.Builder part = MethodSpec.methodBuilder(name + chunk)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addParameter(listType, "all");
      for (T item : items.subList(start, Math.min(items.size(), start + CHUNK))) {
        part.addStatement("all.add($L)", entry.apply(item));
      }
      type.addMethod(part.build());
      all.addStatement("$L(all)", name + chunk);
    }
    type.addMethod(all.addStatement("return all").build());
  }

  private static CodeBlock secret(ClusterModel model, SecretSpec secret) {
    List<String> users = model.services().stream().filter(s -> s.secrets().contains(secret.id())).map(ServiceSpec::name).toList();
    return CodeBlock.of("new $T($S, $S, $L)", RuntimeNames.SECRET_REF,
        model.cluster().name() + "/" + secret.name(), secret.description(), stringList(users));
  }

  private static CodeBlock service(ClusterModel model, ServiceSpec service, List<FleetUnit> units) {
    List<String> names = units.stream().filter(u -> u.owner().equals(service.name())).map(u -> u.unit().name()).toList();
    NodeGroupSpec group = model.nodeGroup(service.runsOn()).orElseThrow();
    int instances = model.instancesOf(service);
    List<String> ports = service.ports().stream()
        .map(p -> p.number() + "/" + p.protocol() + (p.name().isEmpty() ? "" : " " + p.name()))
        .toList();
    CodeBlock url = PublicUrls.CLUSTER.of(model, service)
        .map(u -> CodeBlock.of("$T.of($S)", Optional.class, u))
        .orElse(CodeBlock.of("$T.empty()", Optional.class));
    String access = service.route().isPresent() ? FrontDoorConfig.access(model, service) : "";
    List<String> uses = model.used(service).stream().map(ServiceSpec::name).toList();
    return CodeBlock.of("new $T($S, $S, $L, $L, $S, $L, $L, $S, $L)", RuntimeNames.SERVICE_INFO,
        service.name(), group.name(), instances, stringList(names), service.image(), stringList(ports), url,
        access, stringList(uses));
  }

  /** The ports a parameter's address range reaches, so the deploy client can show and guard them. */
  private static CodeBlock openings(List<PortOpening> openings) {
    CodeBlock items = openings.stream().map(o -> CodeBlock.of("new $T($S, $S, $L, $L, $S)", RuntimeNames.PORT_OPENING,
        o.nodeGroup(), o.protocol(), o.fromPort(), o.toPort(), o.description())).collect(CodeBlock.joining(", "));
    return CodeBlock.of("$T.of($L)", LIST, items);
  }

  private static CodeBlock stringList(List<String> values) {
    CodeBlock items = values.stream().map(v -> CodeBlock.of("$S", v)).collect(CodeBlock.joining(", "));
    return CodeBlock.of("$T.of($L)", LIST, items);
  }

  private static String groupName(ClusterModel model, ServiceSpec service) {
    return model.nodeGroup(service.runsOn()).map(NodeGroupSpec::name).orElseThrow();
  }

  private static TypeSpec nodeGroupEnum(ClusterModel model) {
    TypeSpec.Builder groups = TypeSpec.enumBuilder("NodeGroup")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The cluster's node groups.\n")
        .addField(String.class, "groupName", Modifier.PRIVATE, Modifier.FINAL)
        .addField(String.class, "role", Modifier.PRIVATE, Modifier.FINAL)
        .addField(int.class, "minSize", Modifier.PRIVATE, Modifier.FINAL)
        .addField(int.class, "maxSize", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(String.class, "groupName").addParameter(String.class, "role")
            .addParameter(int.class, "minSize").addParameter(int.class, "maxSize")
            .addStatement("this.groupName = groupName").addStatement("this.role = role")
            .addStatement("this.minSize = minSize").addStatement("this.maxSize = maxSize")
            .build());
    for (String field : List.of("groupName", "role")) {
      groups.addMethod(MethodSpec.methodBuilder(field).addModifiers(Modifier.PUBLIC).returns(String.class)
          .addStatement("return $L", field).build());
    }
    for (String field : List.of("minSize", "maxSize")) {
      groups.addMethod(MethodSpec.methodBuilder(field).addModifiers(Modifier.PUBLIC).returns(int.class)
          .addStatement("return $L", field).build());
    }
    for (NodeGroupSpec group : model.nodeGroups()) {
      groups.addEnumConstant(Names.envName(group.name()), TypeSpec.anonymousClassBuilder("$S, $S, $L, $L",
          group.name(), group.role().name(), group.minSize(), group.maxSize()).build());
    }
    return groups.build();
  }

  /** A Java method name for a service: {@code gerrit-db -> gerritDb}, keywords and taken names suffixed. */
  static String accessorName(String serviceName) {
    String name = Names.camel(serviceName);
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name) || TAKEN.contains(name)) {
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
      TypeSpec.Builder type = TypeSpec.classBuilder("Parameters")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("Stack parameters: every one is required, so each step names the next.\n")
          .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
      TypeSpec.Builder impl = TypeSpec.classBuilder("Builder")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addField(FieldSpec.builder(map, "values", Modifier.PRIVATE, Modifier.FINAL)
              .initializer("new $T<>()", LinkedHashMap.class).build());
      for (int i = 0; i < parameters.size(); i++) {
        TemplateParameter parameter = parameters.get(i);
        ClassName next = i + 1 < parameters.size() ? step(client, parameters.get(i + 1)) : done;
        String method = Names.camel(parameter.name());
        type.addType(TypeSpec.interfaceBuilder(step(client, parameter))
            .addModifiers(Modifier.PUBLIC)
            .addMethod(MethodSpec.methodBuilder(method)
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .addJavadoc("$L.\n", parameter.description())
                .addParameter(String.class, "value")
                .returns(next)
                .build())
            .build());
        impl.addSuperinterface(step(client, parameter));
        impl.addMethod(MethodSpec.methodBuilder(method)
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "value")
            .returns(next)
            .addStatement("values.put($S, $T.requireNonNull(value, $S))", parameter.name(), Objects.class, parameter.name())
            .addStatement("return this")
            .build());
      }
      type.addType(TypeSpec.interfaceBuilder(done)
          .addModifiers(Modifier.PUBLIC)
          .addMethod(MethodSpec.methodBuilder("build").addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
              .addJavadoc("The values by parameter name, in template order.\n").returns(map).build())
          .addMethod(MethodSpec.methodBuilder("toArguments").addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
              .addJavadoc("The values as the command line's {@code --param Name=Value} arguments.\n")
              .returns(ParameterizedTypeName.get(List.class, String.class)).build())
          .build());
      impl.addSuperinterface(done);
      impl.addMethod(MethodSpec.methodBuilder("build").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
          .returns(map).addStatement("return $T.unmodifiableMap(new $T<>(values))", Collections.class, LinkedHashMap.class).build());
      impl.addMethod(MethodSpec.methodBuilder("toArguments").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
          .returns(ParameterizedTypeName.get(List.class, String.class))
          .addStatement("$T<String> arguments = new $T<>()", List.class, ArrayList.class)
          .addStatement("values.forEach((name, value) -> { arguments.add($S); arguments.add(name + $S + value); })", "--param", "=")
          .addStatement("return $T.copyOf(arguments)", List.class)
          .build());
      return type.addType(impl.build()).build();
    }
  }
}
