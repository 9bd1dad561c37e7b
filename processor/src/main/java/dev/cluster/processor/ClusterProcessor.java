package dev.cluster.processor;

import com.google.auto.service.AutoService;
import dev.cluster.annotations.Cluster;
import dev.cluster.processor.diag.AnnotationOrigin;
import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.diag.Reporter;
import dev.cluster.processor.diag.Severity;
import dev.cluster.processor.diag.SourcePositions;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generators;
import dev.cluster.processor.generate.OutputChecks;
import dev.cluster.processor.generate.client.ClientGenerator;
import dev.cluster.processor.model.BuiltImages;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.read.Companions;
import dev.cluster.processor.read.ImageTagsFile;
import dev.cluster.processor.read.ModelReader;
import dev.cluster.processor.read.UnresolvedReferences;
import dev.cluster.processor.validate.Validator;
import dev.cluster.processor.write.OutputWriter;
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
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Turns each cluster package into its outputs, in steps: read the annotated classes into a model,
 * validate it with every rule (reporting on the attribute at fault), check the fleet units it would
 * give against fleet's own rules (reporting on the service at fault), and, only when nothing found
 * an error, generate every output in memory and write them all ({@link OutputWriter}: the deploy
 * client's source through the Filer, the other files straight into the class output directory when
 * it is one).
 *
 * <p>The processor aggregates: one template comes from many classes. It reads a cluster's members
 * from its package, which javac fills from the sources being compiled and from the class output, so
 * recompiling one class of a cluster regenerates the same outputs as a clean build.
 */
@AutoService(Processor.class)
public final class ClusterProcessor extends AbstractProcessor {
  private final Set<String> processedPackages = new HashSet<>();

  /**
   * Packages whose classes name a class javac has not resolved yet: read again in a later round.
   */
  private final Set<String> deferredPackages = new TreeSet<>();

  private final Validator validator;

  /**
   * One per compilation, made at the first write: it remembers every path written, as the Filer
   * does.
   */
  private OutputWriter writer;

  public ClusterProcessor() {
    this(Validator.standard());
  }

  /**
   * With other rules than the catalogue's: tests give it a rule that fails, to see how a failure is
   * reported.
   */
  ClusterProcessor(Validator validator) {
    this.validator = validator;
  }

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
    try {
      processRound(annotations, round);
    } catch (RuntimeException | AssertionError e) {
      // Failures inside a package are reported on its cluster; this is the net for what happens
      // between packages.
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "[internal] the cluster processor failed with "
                  + e
                  + "; the clusters it had not finished are not generated. This is a bug in the processor: please"
                  + " report it with this trace:\n"
                  + trace(e));
    }
    return false;
  }

  private void processRound(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      deferredPackages.forEach(this::reportUnresolvedInClassFiles);
      return;
    }
    TreeMap<String, PackageElement> packages = new TreeMap<>();
    for (String name : deferredPackages) {
      packages.put(name, processingEnv.getElementUtils().getPackageElement(name));
    }
    deferredPackages.clear();
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (!isTopLevelClass(element)) {
          error(
              element,
              "[top-level] @"
                  + annotation.getSimpleName()
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
      List<TypeElement> types =
          pkg.getEnclosedElements().stream()
              .filter(e -> e instanceof TypeElement)
              .map(e -> (TypeElement) e)
              .toList();
      try {
        if (types.stream().anyMatch(UnresolvedReferences::in)) {
          deferredPackages.add(name);
          continue;
        }
        processedPackages.add(name);
        processPackage(pkg, types);
      } catch (RuntimeException | AssertionError e) {
        // Thrown into javac, it would print a trace that reads like javac's own bug and stop the
        // build there.
        processedPackages.add(name);
        reportInternal(pkg, types, e);
      }
    }
  }

  /**
   * What is still unresolved in the last round is javac's own "cannot find symbol" in the classes
   * it compiles from source. In a class read from an earlier build's class file (an incremental
   * build after a class was deleted or renamed) javac reports nothing, and the cluster would
   * silently keep its old outputs.
   */
  private void reportUnresolvedInClassFiles(String packageName) {
    Optional<SourcePositions> positions = SourcePositions.of(processingEnv);
    PackageElement pkg = processingEnv.getElementUtils().getPackageElement(packageName);
    for (Element type : pkg.getEnclosedElements()) {
      if (positions.isPresent()
          && !positions.get().inSource(type)
          && UnresolvedReferences.in(type)) {
        error(
            type,
            "[unresolved] "
                + type
                + ", compiled in an earlier build, names in "
                + String.join(", ", UnresolvedReferences.annotationsOf(type))
                + " a class or constant that does not"
                + " exist any more, so the cluster of package "
                + packageName
                + " cannot be read and its outputs are"
                + " not generated; fix or recompile "
                + type.getSimpleName()
                + " (a clean build does)");
      }
    }
  }

  /**
   * On the {@code @Cluster} annotation, else on the first annotation of the vocabulary, else on the
   * package.
   */
  private void reportInternal(PackageElement pkg, List<TypeElement> types, Throwable e) {
    String message =
        "[internal] the cluster processor failed with "
            + e
            + " on the cluster of package "
            + pkg.getQualifiedName()
            + "; its outputs are not generated. This is a bug in the processor, not in the"
            + " cluster: please report it with this trace:\n"
            + trace(e);
    types.stream()
        .flatMap(t -> clusterOrigin(t).stream())
        .findFirst()
        .or(
            () ->
                types.stream()
                    .flatMap(
                        t ->
                            t.getAnnotationMirrors().stream()
                                .filter(
                                    m -> getSupportedAnnotationTypes().contains(qualifiedName(m)))
                                .map(m -> new AnnotationOrigin(t, m)))
                    .findFirst())
        .ifPresentOrElse(
            at ->
                processingEnv
                    .getMessager()
                    .printMessage(Diagnostic.Kind.ERROR, message, at.element(), at.mirror()),
            () -> error(pkg, message));
  }

  private void processPackage(PackageElement pkg, List<TypeElement> types) {
    List<Problem> orphans = types.stream().flatMap(t -> Companions.orphansOn(t).stream()).toList();
    if (!orphans.isEmpty()) {
      new Reporter(processingEnv, pkg).report(orphans);
      return;
    }
    ModelReader reader = new ModelReader(processingEnv.getElementUtils());
    List<TypeElement> members = types.stream().filter(ModelReader::isMember).toList();
    List<TypeElement> clusters = members.stream().filter(ClusterProcessor::isCluster).toList();
    if (clusters.isEmpty()) {
      for (TypeElement member : members) {
        error(
            member,
            "[one-cluster] "
                + member.getSimpleName()
                + " belongs to the cluster of package "
                + pkg.getQualifiedName()
                + ", but no class of that package is annotated @Cluster");
      }
      return;
    }
    if (clusters.size() > 1) {
      Problems twoClusters = new Problems("one-cluster");
      TypeElement first = clusters.get(0);
      for (TypeElement extra : clusters.subList(1, clusters.size())) {
        twoClusters.clash(
            clusterOrigin(extra).orElseThrow(),
            "",
            twoClusters(pkg, extra, first),
            clusterOrigin(first).orElseThrow(),
            "",
            twoClusters(pkg, first, extra));
      }
      new Reporter(processingEnv, pkg).report(twoClusters.all());
      return;
    }
    TypeElement clusterType = clusters.get(0);
    Optional<BuiltImages> builtImages = builtImages(clusterType);
    if (builtImages.isEmpty()) {
      return;
    }
    ClusterModel model = reader.read(clusterType, members).withBuiltImages(builtImages.get());
    List<Problem> problems = validator.validate(model);
    Reporter reporter = new Reporter(processingEnv, clusterType);
    reporter.report(problems);
    if (problems.stream().anyMatch(p -> p.severity() == Severity.ERROR)) {
      return;
    }
    List<Problem> outputProblems = OutputChecks.of(model);
    reporter.report(outputProblems);
    if (!outputProblems.isEmpty()) {
      return;
    }
    // Every output is computed before the first is written, so a generator that throws leaves none
    // behind.
    List<GeneratedFile> files = Generators.generateAll(model);
    Optional<ClientGenerator.Client> client =
        runtimeOnClassPath(clusterType)
            ? Optional.of(new ClientGenerator().generate(model))
            : Optional.empty();
    List<GeneratedFile> all = new ArrayList<>(files);
    client.ifPresent(c -> all.add(c.descriptor()));
    try {
      writer().write(all, members);
      if (client.isPresent()) {
        writer().write(client.get().source(), members);
      }
    } catch (IOException e) {
      error(
          clusterType,
          "[write] could not write the outputs of cluster "
              + model.cluster().name()
              + ": "
              + e.getMessage());
    }
  }

  private OutputWriter writer() {
    if (writer == null) {
      writer = OutputWriter.of(processingEnv.getFiler());
    }
    return writer;
  }

  /**
   * The framework's images with the team's own (the option's file) over them; empty (after
   * reporting why) when either cannot be read.
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
      error(
          clusterType,
          "[image-tags] cannot read the image tags of -A"
              + BuiltImages.OPTION
              + "="
              + file
              + ": "
              + e.getMessage()
              + " (the runtime's dev.cluster.runtime.images.ImageTags writes that file from containers/)");
      return Optional.empty();
    }
  }

  /**
   * The deploy client compiles against the runtime; without it, the cluster still gets every other
   * output.
   */
  private boolean runtimeOnClassPath(TypeElement clusterType) {
    if (processingEnv.getElementUtils().getTypeElement(ClientGenerator.RUNTIME_ENTRY_POINT)
        != null) {
      return true;
    }
    processingEnv
        .getMessager()
        .printMessage(
            Diagnostic.Kind.NOTE,
            "[client] "
                + ClientGenerator.RUNTIME_ENTRY_POINT
                + " is not on the class path, so the deploy client "
                + clusterType.getSimpleName()
                + "Cluster is not generated; add the dependency dev.cluster:runtime to get it",
            clusterType);
    return false;
  }

  private static String twoClusters(PackageElement pkg, TypeElement cluster, TypeElement other) {
    return "package "
        + pkg.getQualifiedName()
        + " declares its cluster in both class "
        + cluster.getSimpleName()
        + " and class "
        + other.getSimpleName()
        + "; a package holds exactly one @Cluster class";
  }

  private static Optional<AnnotationOrigin> clusterOrigin(TypeElement type) {
    return type.getAnnotationMirrors().stream()
        .filter(m -> qualifiedName(m).equals(Cluster.class.getCanonicalName()))
        .map(m -> new AnnotationOrigin(type, m))
        .findFirst();
  }

  private static boolean isCluster(TypeElement type) {
    return clusterOrigin(type).isPresent();
  }

  private static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
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
