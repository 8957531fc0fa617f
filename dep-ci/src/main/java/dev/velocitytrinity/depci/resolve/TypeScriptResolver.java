package dev.velocitytrinity.depci.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.velocitytrinity.depci.parse.ImportKind;
import dev.velocitytrinity.depci.parse.SourceImport;
import dev.velocitytrinity.depci.scan.RepoFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves TypeScript and JavaScript specifiers the way the TypeScript compiler and Node do, but
 * against the scanned file set (no disk access per probe):
 *
 * <ol>
 *   <li>relative specifiers: exact file, {@code .js}→{@code .ts} source mapping, extension probing,
 *       then directory {@code package.json}/{@code index.*};
 *   <li>the governing tsconfig's {@code paths}, then configured aliases, then {@code baseUrl};
 *   <li>workspace packages through {@code exports}/{@code types}/{@code main}, falling back from a
 *       missing build output to the same path under {@code src/};
 *   <li>anything else is an external package.
 * </ol>
 */
public final class TypeScriptResolver implements ImportResolver {

  static final List<String> EXTENSIONS =
      List.of(".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs", ".json");

  /** Output extensions and the source extensions TypeScript compiles to them. */
  private static final Map<String, List<String>> SOURCE_FOR_OUTPUT =
      Map.of(
          ".js", List.of(".ts", ".tsx", ".d.ts"),
          ".jsx", List.of(".tsx"),
          ".mjs", List.of(".mts", ".d.mts"),
          ".cjs", List.of(".cts", ".d.cts"));

  private static final Set<String> BUILD_DIRECTORIES =
      Set.of("dist", "lib", "build", "out", "esm", "cjs", "es", "types");

  private final RepoFiles repo;
  private final Set<String> directories;
  private final TsConfigs tsConfigs;
  private final Workspaces workspaces;
  private final PathPatterns aliases;
  private final JsonFiles json = new JsonFiles();

  /** Paths looked up on disk outside the scanned set, and whether each was a file. */
  private final Map<String, Boolean> diskProbes = new ConcurrentHashMap<>();

  private final Map<String, Optional<JsonNode>> manifests = new ConcurrentHashMap<>();

  private TypeScriptResolver(
      RepoFiles repo, TsConfigs tsConfigs, Workspaces workspaces, PathPatterns aliases) {
    this.repo = repo;
    this.directories = repo.directories();
    this.tsConfigs = tsConfigs;
    this.workspaces = workspaces;
    this.aliases = aliases;
  }

  /**
   * @param aliases {@code PATTERN=TARGET} pairs relative to the repository root, in the syntax of
   *     tsconfig {@code paths}
   */
  public static TypeScriptResolver create(RepoFiles repo, Map<String, List<String>> aliases) {
    JsonFiles json = new JsonFiles();
    return new TypeScriptResolver(
        repo,
        TsConfigs.load(repo, json),
        Workspaces.load(repo, json),
        new PathPatterns("", aliases));
  }

  @Override
  public Resolution resolve(String from, SourceImport sourceImport) {
    String specifier = stripQueryAndHash(sourceImport.specifier());
    if (sourceImport.kind() == ImportKind.REFERENCE
        && !isRelative(specifier)
        && !specifier.startsWith("/")) {
      // `/// <reference path="x.d.ts" />` is always relative to the file, with or without "./".
      specifier = "./" + specifier;
    }
    if (isRelative(specifier)) {
      String base = RepoPaths.join(RepoPaths.parent(from), specifier);
      if (base == null) {
        return new Resolution.Unresolved(true, "points outside the repository");
      }
      return probe(base)
          .or(() -> probeIgnored(base))
          .<Resolution>map(Resolution::resolved)
          .orElseGet(
              () ->
                  new Resolution.Unresolved(
                      true, "no file " + base + "{" + extensionsHint() + "}"));
    }
    if (specifier.startsWith("/")) {
      return new Resolution.Unresolved(false, "absolute paths are not resolved");
    }
    if (specifier.contains(":")) {
      // node:fs, data:…, https:… are never files of the repository.
      return new Resolution.External(
          specifier.startsWith("node:")
              ? specifier
              : specifier.substring(0, specifier.indexOf(':')));
    }
    Optional<TsConfig> config = tsConfigs.governing(from);
    String matchedPattern = null;
    if (config.isPresent()) {
      Optional<PathPatterns.Match> match = config.get().paths().match(specifier);
      if (match.isPresent()) {
        Optional<String> hit = probeAll(match.get().candidates());
        if (hit.isPresent()) {
          return Resolution.resolved(hit.get());
        }
        matchedPattern = match.get().pattern();
      }
    }
    Optional<PathPatterns.Match> alias = aliases.match(specifier);
    if (alias.isPresent()) {
      Optional<String> hit = probeAll(alias.get().candidates());
      if (hit.isPresent()) {
        return Resolution.resolved(hit.get());
      }
      matchedPattern = alias.get().pattern();
    }
    if (config.isPresent() && config.get().baseUrl().isPresent()) {
      String base = RepoPaths.join(config.get().baseUrl().get(), specifier);
      Optional<String> hit = base == null ? Optional.empty() : probe(base);
      if (hit.isPresent()) {
        return Resolution.resolved(hit.get());
      }
    }
    Optional<Workspaces.Match> workspace = workspaces.find(specifier);
    if (workspace.isPresent()) {
      return resolveInPackage(workspace.get())
          .<Resolution>map(Resolution::resolved)
          .orElseGet(
              () ->
                  new Resolution.Unresolved(
                      false,
                      "workspace package " + workspace.get().pkg().name() + " has no such entry"));
    }
    if (matchedPattern != null && !matchedPattern.equals("*")) {
      return new Resolution.Unresolved(false, "matched path pattern '" + matchedPattern + "'");
    }
    return new Resolution.External(Workspaces.packageName(specifier));
  }

  /**
   * The paths outside the scanned set that answers depended on (see {@link #probeIgnored}), each
   * with whether it was a file: a cached resolution stays valid only while they stay so.
   */
  public Map<String, Boolean> diskProbes() {
    return Map.copyOf(diskProbes);
  }

  static boolean isRelative(String specifier) {
    return specifier.equals(".")
        || specifier.equals("..")
        || specifier.startsWith("./")
        || specifier.startsWith("../");
  }

  private static String stripQueryAndHash(String specifier) {
    int cut = specifier.length();
    int q = specifier.indexOf('?');
    if (q >= 0) {
      cut = q;
    }
    return specifier.substring(0, cut);
  }

  private static String extensionsHint() {
    return "," + String.join(",", EXTENSIONS) + ",/index.*";
  }

  /**
   * A relative import of a file the scan skipped (git-ignored generated code, an excluded folder)
   * is not broken: look on disk before reporting it. Only files, and only after the in-memory probe
   * failed, so the common path never touches the disk.
   */
  private Optional<String> probeIgnored(String base) {
    if (base.isEmpty()) {
      return Optional.empty();
    }
    List<String> candidates = new ArrayList<>();
    candidates.add(base);
    EXTENSIONS.forEach(ext -> candidates.add(base + ext));
    for (Map.Entry<String, List<String>> mapping : SOURCE_FOR_OUTPUT.entrySet()) {
      if (base.endsWith(mapping.getKey())) {
        String stem = base.substring(0, base.length() - mapping.getKey().length());
        mapping.getValue().forEach(ext -> candidates.add(stem + ext));
      }
    }
    EXTENSIONS.forEach(ext -> candidates.add(base + "/index" + ext));
    for (String candidate : candidates) {
      boolean file = Files.isRegularFile(repo.absolute(candidate));
      diskProbes.put(candidate, file);
      if (file) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private Optional<String> probeAll(List<String> candidates) {
    for (String candidate : candidates) {
      Optional<String> hit = probe(candidate);
      if (hit.isPresent()) {
        return hit;
      }
    }
    return Optional.empty();
  }

  /** A file or directory path as TypeScript would resolve it, else a build-output mapping. */
  Optional<String> probe(String base) {
    Optional<String> hit = probeFileOrDirectory(base);
    if (hit.isPresent()) {
      return hit;
    }
    return fromReferencedOutput(base);
  }

  private Optional<String> probeFileOrDirectory(String base) {
    Optional<String> file = probeFile(base);
    if (file.isPresent()) {
      return file;
    }
    if (directories.contains(base) || base.isEmpty()) {
      String manifest = RepoPaths.join(base, "package.json");
      if (manifest != null && repo.isFile(manifest)) {
        Optional<JsonNode> node =
            manifests.computeIfAbsent(manifest, m -> json.read(repo.absolute(m)));
        if (node.isPresent()) {
          for (String field : List.of("types", "typings", "main")) {
            Optional<String> target =
                JsonFiles.text(node.get(), field).map(t -> RepoPaths.join(base, t));
            if (target.isPresent() && target.get() != null) {
              Optional<String> hit = probeFile(target.get());
              if (hit.isPresent()) {
                return hit;
              }
              hit = probeIndex(target.get());
              if (hit.isPresent()) {
                return hit;
              }
            }
          }
        }
      }
      return probeIndex(base);
    }
    return Optional.empty();
  }

  private Optional<String> probeIndex(String dir) {
    String index = dir.isEmpty() ? "index" : dir + "/index";
    for (String ext : EXTENSIONS) {
      if (repo.isFile(index + ext)) {
        return Optional.of(index + ext);
      }
    }
    return Optional.empty();
  }

  private Optional<String> probeFile(String base) {
    if (base.isEmpty()) {
      return Optional.empty();
    }
    if (repo.isFile(base)) {
      return Optional.of(base);
    }
    for (Map.Entry<String, List<String>> mapping : SOURCE_FOR_OUTPUT.entrySet()) {
      if (base.endsWith(mapping.getKey())) {
        String stem = base.substring(0, base.length() - mapping.getKey().length());
        for (String ext : mapping.getValue()) {
          if (repo.isFile(stem + ext)) {
            return Optional.of(stem + ext);
          }
        }
      }
    }
    for (String ext : EXTENSIONS) {
      if (repo.isFile(base + ext)) {
        return Optional.of(base + ext);
      }
    }
    return Optional.empty();
  }

  /** An import into a project's {@code outDir} means the sources under its {@code rootDir}. */
  private Optional<String> fromReferencedOutput(String base) {
    for (TsConfig config : tsConfigs.all()) {
      if (config.outDir().isEmpty()) {
        continue;
      }
      String outDir = config.outDir().get();
      if (!outDir.isEmpty() && RepoPaths.isWithin(base, outDir) && !base.equals(outDir)) {
        String rest = base.substring(outDir.length() + 1);
        String source = RepoPaths.join(config.rootDir(), stripOutputExtension(rest));
        if (source != null) {
          Optional<String> hit = probeFileOrDirectory(source);
          if (hit.isPresent()) {
            return hit;
          }
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> resolveInPackage(Workspaces.Match match) {
    WorkspacePackage pkg = match.pkg();
    List<String> targets = exportTargets(pkg.manifest().get("exports"), match.subpath());
    if (match.subpath().isEmpty()) {
      for (String field : List.of("types", "typings", "module", "main")) {
        JsonFiles.text(pkg.manifest(), field).ifPresent(targets::add);
      }
      targets.add("index");
      targets.add("src/index");
    } else {
      targets.add(match.subpath());
      targets.add("src/" + match.subpath());
    }
    for (String target : targets) {
      String path = RepoPaths.join(pkg.dir(), target);
      Optional<String> hit = path == null ? Optional.empty() : probe(path);
      if (hit.isPresent()) {
        return hit;
      }
    }
    for (String target : targets) {
      Optional<String> hit = sourceForBuildOutput(pkg.dir(), target);
      if (hit.isPresent()) {
        return hit;
      }
    }
    return Optional.empty();
  }

  /** {@code dist/esm/index.js} when not built is {@code src/index.ts} (or {@code index.ts}). */
  private Optional<String> sourceForBuildOutput(String packageDir, String target) {
    String path = RepoPaths.normalize(target);
    if (path == null) {
      return Optional.empty();
    }
    boolean stripped = false;
    while (path.contains("/") && BUILD_DIRECTORIES.contains(path.substring(0, path.indexOf('/')))) {
      path = path.substring(path.indexOf('/') + 1);
      stripped = true;
    }
    if (!stripped) {
      return Optional.empty();
    }
    String stem = stripOutputExtension(path);
    for (String candidate : List.of("src/" + stem, stem)) {
      String joined = RepoPaths.join(packageDir, candidate);
      Optional<String> hit = joined == null ? Optional.empty() : probeFileOrDirectory(joined);
      if (hit.isPresent()) {
        return hit;
      }
    }
    return Optional.empty();
  }

  private static String stripOutputExtension(String path) {
    for (String ext : List.of(".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs", ".jsx")) {
      if (path.endsWith(ext)) {
        return path.substring(0, path.length() - ext.length());
      }
    }
    return path;
  }

  /** The targets package.json {@code exports} gives a subpath, every condition in file order. */
  private static List<String> exportTargets(JsonNode exports, String subpath) {
    List<String> targets = new ArrayList<>();
    if (exports == null) {
      return targets;
    }
    String key = subpath.isEmpty() ? "." : "./" + subpath;
    boolean subpathMap = exports.isObject() && startsWithDot(exports);
    if (!subpathMap) {
      if (key.equals(".")) {
        conditionTargets(exports, targets);
      }
      return targets;
    }
    JsonNode exact = exports.get(key);
    if (exact != null) {
      conditionTargets(exact, targets);
      return targets;
    }
    String best = null;
    Iterator<String> names = exports.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      int star = name.indexOf('*');
      if (star < 0) {
        continue;
      }
      String prefix = name.substring(0, star);
      String suffix = name.substring(star + 1);
      if (key.startsWith(prefix)
          && key.endsWith(suffix)
          && key.length() >= prefix.length() + suffix.length()
          && (best == null || prefix.length() > best.indexOf('*'))) {
        best = name;
      }
    }
    if (best != null) {
      int star = best.indexOf('*');
      String captured = key.substring(star, key.length() - (best.length() - star - 1));
      List<String> raw = new ArrayList<>();
      conditionTargets(exports.get(best), raw);
      raw.forEach(t -> targets.add(t.replace("*", captured)));
    }
    return targets;
  }

  private static boolean startsWithDot(JsonNode object) {
    Iterator<String> names = object.fieldNames();
    return names.hasNext() && names.next().startsWith(".");
  }

  private static void conditionTargets(JsonNode node, List<String> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(item -> conditionTargets(item, out));
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> conditionTargets(e.getValue(), out));
    }
  }
}
