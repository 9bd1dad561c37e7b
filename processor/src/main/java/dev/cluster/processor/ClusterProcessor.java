package dev.cluster.processor;

import com.google.auto.service.AutoService;
import dev.cluster.annotations.Cluster;
import dev.cluster.processor.diag.Reporter;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generators;
import dev.cluster.processor.generate.client.ClientGenerator;
import dev.cluster.processor.generate.OutputChecks;
import dev.cluster.processor.model.BuiltImages;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.read.ImageTagsFile;
import dev.cluster.processor.read.Companions;
import dev.cluster.processor.read.ModelReader;
import dev.cluster.processor.read.UnresolvedReferences;
import dev.cluster.processor.validate.Problem;
import dev.cluster.processor.validate.Validator;
import dev.cluster.processor.write.FilerWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Turns each cluster package into its outputs, in steps: read the annotated classes into a model,
 * validate it with every rule (reporting on the attribute at fault), check the fleet units it would give
 * against fleet's own rules (reporting on the service at fault), and, only when nothing found an error,
 * generate every output in memory and write them all through the Filer.
 *
 * <p>The processor aggregates: one template comes from many classes. It reads a cluster's members from
 * its package, which javac fills from the sources being compiled and from the class output, so
 * recompiling one class of a cluster regenerates the same outputs as a clean build.
 */
@AutoService(Processor.class)
public final class ClusterProcessor extends AbstractProcessor {
  private final Set<String> processedPackages = new HashSet<>();
  /** Packages whose classes name a class javac has not resolved yet: read again in a later round. */
  private final Set<String> deferredPackages = new TreeSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> vocabulary = new HashSet<>(ModelReader.MEMBER_ANNOTATIONS);
    vocabulary.addAll(Companions.OF_SERVICE);
    return vocabulary;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(BuiltImages.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      // What is still unresolved now is javac's "cannot find symbol", reported by javac itself.
      return false;
    }
    TreeMap<String, PackageElement> packages = new TreeMap<>();
    for (String name : deferredPackages) {
      packages.put(name, processingEnv.getElementUtils().getPackageElement(name));
    }
    deferredPackages.clear();
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (!isTopLevelClass(element)) {
          error(element, "[top-level] @" + annotation.getSimpleName()
              + " belongs on a top-level class of the cluster's package; a cluster is read from its package");
          continue;
        }
        PackageElement pkg = processingEnv.getElementUtils().getPackageOf(element);
        packages.put(pkg.getQualifiedName().toString(), pkg);
      }
    }
    for (PackageElement pkg : packages.values()) {
      String name = pkg.getQualifiedName().toString();
      if (processedPackages.contains(name)) {
        continue;
      }
      List<TypeElement> types = pkg.getEnclosedElements().stream()
          .filter(e -> e instanceof TypeElement)
          .map(e -> (TypeElement) e)
          .toList();
      if (types.stream().anyMatch(UnresolvedReferences::in)) {
        deferredPackages.add(name);
        continue;
      }
      processedPackages.add(name);
      try {
        processPackage(pkg, types);
      } catch (RuntimeException e) {
        error(pkg, "[internal] the cluster processor failed on package " + name
            + "; nothing was written. Please report this with the trace:\n" + trace(e));
      }
    }
    return false;
  }

  private void processPackage(PackageElement pkg, List<TypeElement> types) {
    List<Companions.Orphan> orphans = types.stream().flatMap(t -> Companions.orphansOn(t).stream()).toList();
    for (Companions.Orphan orphan : orphans) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, orphan.message(), orphan.element(), orphan.mirror());
    }
    if (!orphans.isEmpty()) {
      return;
    }
    ModelReader reader = new ModelReader(processingEnv.getElementUtils());
    List<TypeElement> members = types.stream().filter(ModelReader::isMember).toList();
    List<TypeElement> clusters = members.stream()
        .filter(t -> t.getAnnotationMirrors().stream().anyMatch(m ->
            ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(Cluster.class.getCanonicalName())))
        .toList();
    if (clusters.isEmpty()) {
      for (TypeElement member : members) {
        error(member, "[one-cluster] " + member.getSimpleName() + " belongs to the cluster of package "
            + pkg.getQualifiedName() + ", but no class of that package is annotated @Cluster");
      }
      return;
    }
    if (clusters.size() > 1) {
      for (TypeElement cluster : clusters.subList(1, clusters.size())) {
        error(cluster, "[one-cluster] package " + pkg.getQualifiedName() + " declares its cluster in "
            + clusters.get(0).getSimpleName() + " already; a package holds exactly one @Cluster class");
      }
      return;
    }
    TypeElement clusterType = clusters.get(0);
    Optional<BuiltImages> builtImages = builtImages(clusterType);
    if (builtImages.isEmpty()) {
      return;
    }
    ClusterModel model = reader.read(clusterType, members).withBuiltImages(builtImages.get());
    List<Problem> problems = Validator.standard().validate(model);
    Reporter reporter = new Reporter(processingEnv, clusterType);
    reporter.report(problems);
    if (problems.stream().anyMatch(p -> p.severity() == dev.cluster.processor.validate.Severity.ERROR)) {
      return;
    }
    List<Problem> outputProblems = OutputChecks.of(model);
    reporter.report(outputProblems);
    if (!outputProblems.isEmpty()) {
      return;
    }
    List<GeneratedFile> files;
    Optional<ClientGenerator.Client> client;
    try {
      files = Generators.generateAll(model);
      client = runtimeOnClassPath(clusterType)
          ? Optional.of(new ClientGenerator().generate(model))
          : Optional.empty();
    } catch (RuntimeException e) {
      error(clusterType, "[internal] generating the outputs of cluster " + model.cluster().name()
          + " failed; nothing was written. Please report this with the trace:\n" + trace(e));
      return;
    }
    try {
      FilerWriter writer = new FilerWriter(processingEnv.getFiler());
      writer.write(files, members);
      if (client.isPresent()) {
        writer.write(List.of(client.get().descriptor()), members);
        writer.write(client.get().source(), members);
      }
    } catch (IOException e) {
      error(clusterType, "[write] could not write the outputs of cluster " + model.cluster().name() + ": " + e.getMessage());
    }
  }

  /**
   * The framework's images with the team's own (the option's file) over them; empty (after reporting why) when
   * either cannot be read.
   */
  private Optional<BuiltImages> builtImages(TypeElement clusterType) {
    BuiltImages framework;
    try {
      framework = ImageTagsFile.framework();
    } catch (IOException | IllegalArgumentException e) {
      error(clusterType, "[image-tags] cannot read the framework's image index: " + e.getMessage());
      return Optional.empty();
    }
    String file = processingEnv.getOptions().get(BuiltImages.OPTION);
    if (file == null) {
      return Optional.of(framework);
    }
    try {
      return Optional.of(framework.with(ImageTagsFile.read(Path.of(file))));
    } catch (IOException | IllegalArgumentException e) {
      error(clusterType, "[image-tags] cannot read the image tags of -A" + BuiltImages.OPTION + "=" + file + ": "
          + e.getMessage() + " (the runtime's dev.cluster.runtime.images.ImageTags writes that file from containers/)");
      return Optional.empty();
    }
  }

  /** The deploy client compiles against the runtime; without it, the cluster still gets every other output. */
  private boolean runtimeOnClassPath(TypeElement clusterType) {
    if (processingEnv.getElementUtils().getTypeElement(ClientGenerator.RUNTIME_ENTRY_POINT) != null) {
      return true;
    }
    processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, "[client] " + ClientGenerator.RUNTIME_ENTRY_POINT
        + " is not on the class path, so the deploy client " + clusterType.getSimpleName()
        + "Cluster is not generated; add the dependency dev.cluster:runtime to get it", clusterType);
    return false;
  }

  private static boolean isTopLevelClass(Element element) {
    return element.getEnclosingElement().getKind() == ElementKind.PACKAGE;
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  private static String trace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
