package dev.velocitytrinity.depci.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.velocitytrinity.depci.scan.Glob;
import dev.velocitytrinity.depci.scan.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The workspace packages declared by the root package.json ({@code workspaces} as an array or as
 * {@code {packages: [...]}}) and by {@code pnpm-workspace.yaml}, by package name.
 */
final class Workspaces {

  private static final Logger LOG = LoggerFactory.getLogger(Workspaces.class);

  private final Map<String, WorkspacePackage> byName;

  private Workspaces(Map<String, WorkspacePackage> byName) {
    this.byName = byName;
  }

  static Workspaces load(RepoFiles repo, JsonFiles json) {
    List<String> patterns = new ArrayList<>();
    json.read(repo.root().resolve("package.json"))
        .ifPresent(
            root -> {
              JsonNode workspaces = root.get("workspaces");
              if (workspaces != null && workspaces.isObject()) {
                workspaces = workspaces.get("packages");
              }
              patterns.addAll(JsonFiles.strings(workspaces));
            });
    patterns.addAll(pnpmPatterns(repo.root().resolve("pnpm-workspace.yaml")));
    List<Glob> include = new ArrayList<>();
    List<Glob> exclude = new ArrayList<>();
    for (String pattern : patterns) {
      boolean negate = pattern.startsWith("!");
      String body = RepoPaths.normalize(negate ? pattern.substring(1) : pattern);
      if (body == null || body.isEmpty()) {
        continue;
      }
      (negate ? exclude : include).add(Glob.of("/" + body));
    }
    Map<String, WorkspacePackage> packages = new HashMap<>();
    if (include.isEmpty()) {
      return new Workspaces(packages);
    }
    List<String> manifests =
        repo.files().stream().filter(f -> f.endsWith("/package.json")).sorted().toList();
    for (String manifest : manifests) {
      String dir = RepoPaths.parent(manifest);
      if (include.stream().noneMatch(g -> g.matches(dir))
          || exclude.stream().anyMatch(g -> g.matches(dir))) {
        continue;
      }
      json.read(repo.root().resolve(manifest))
          .ifPresent(
              node ->
                  JsonFiles.text(node, "name")
                      .ifPresent(
                          name ->
                              packages.putIfAbsent(name, new WorkspacePackage(name, dir, node))));
    }
    return new Workspaces(packages);
  }

  private static List<String> pnpmPatterns(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      Object doc = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
      if (doc instanceof Map<?, ?> map && map.get("packages") instanceof List<?> list) {
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: ignored, not valid YAML: {}", file, e.getMessage());
    }
    return List.of();
  }

  /** A specifier's package and the subpath after its name ({@code ""} for the package itself). */
  record Match(WorkspacePackage pkg, String subpath) {}

  Optional<Match> find(String specifier) {
    String name = packageName(specifier);
    WorkspacePackage pkg = byName.get(name);
    if (pkg == null) {
      return Optional.empty();
    }
    String rest = specifier.length() > name.length() ? specifier.substring(name.length() + 1) : "";
    return Optional.of(new Match(pkg, rest));
  }

  /** {@code @scope/name/sub} → {@code @scope/name}; {@code name/sub} → {@code name}. */
  static String packageName(String specifier) {
    int slash = specifier.indexOf('/');
    if (specifier.startsWith("@") && slash > 0) {
      int second = specifier.indexOf('/', slash + 1);
      return second < 0 ? specifier : specifier.substring(0, second);
    }
    return slash < 0 ? specifier : specifier.substring(0, slash);
  }
}
