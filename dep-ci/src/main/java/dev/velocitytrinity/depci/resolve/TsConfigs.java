package dev.velocitytrinity.depci.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.velocitytrinity.depci.scan.Glob;
import dev.velocitytrinity.depci.scan.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tsconfig (and jsconfig) files of a repository, loaded with their {@code extends} chains and
 * project {@code references}, and which of them governs each source file: the nearest one above it,
 * preferring among configs in one directory the one whose include covers the file (a solution
 * tsconfig.json next to tsconfig.app.json).
 */
final class TsConfigs {

  private final Map<String, TsConfig> configs;
  private final Map<String, List<TsConfig>> byDirectory;

  private TsConfigs(Map<String, TsConfig> configs) {
    this.configs = configs;
    this.byDirectory = new HashMap<>();
    for (TsConfig config : configs.values()) {
      byDirectory.computeIfAbsent(config.dir(), d -> new ArrayList<>()).add(config);
    }
  }

  static TsConfigs load(RepoFiles repo, JsonFiles json) {
    Loader loader = new Loader(repo, json);
    List<String> pending = new ArrayList<>();
    for (String file : repo.files()) {
      String name = RepoPaths.fileName(file);
      if ((name.startsWith("tsconfig") || name.startsWith("jsconfig")) && name.endsWith(".json")) {
        pending.add(file);
      }
    }
    pending.sort(null);
    Map<String, TsConfig> loaded = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      String file = pending.remove(0);
      if (!seen.add(file)) {
        continue;
      }
      loader
          .resolve(file, new HashSet<>())
          .ifPresent(
              raw -> {
                loaded.put(file, raw.config());
                pending.addAll(raw.references());
              });
    }
    return new TsConfigs(loaded);
  }

  Iterable<TsConfig> all() {
    return configs.values();
  }

  Optional<TsConfig> governing(String source) {
    String dir = RepoPaths.parent(source);
    while (true) {
      List<TsConfig> here = byDirectory.get(dir);
      if (here != null) {
        return Optional.of(pick(here, source));
      }
      if (dir.isEmpty()) {
        return Optional.empty();
      }
      dir = RepoPaths.parent(dir);
    }
  }

  private static TsConfig pick(List<TsConfig> candidates, String source) {
    TsConfig fallback = null;
    TsConfig owning = null;
    for (TsConfig config :
        candidates.stream().sorted((a, b) -> a.file().compareTo(b.file())).toList()) {
      String name = RepoPaths.fileName(config.file());
      boolean primary = name.equals("tsconfig.json") || name.equals("jsconfig.json");
      if (config.owns(source) && (owning == null || primary)) {
        owning = config;
      }
      if (fallback == null || primary) {
        fallback = config;
      }
    }
    return owning != null ? owning : fallback;
  }

  private record Loaded(TsConfig config, List<String> references) {}

  /** Applies extends chains; memoises nothing, since repositories have few configs. */
  private static final class Loader {
    private final RepoFiles repo;
    private final JsonFiles json;

    Loader(RepoFiles repo, JsonFiles json) {
      this.repo = repo;
      this.json = json;
    }

    Optional<Loaded> resolve(String file, Set<String> chain) {
      if (!chain.add(file)) {
        return Optional.empty(); // an extends cycle: stop rather than loop
      }
      Optional<JsonNode> read = json.read(repo.root().resolve(file));
      if (read.isEmpty()) {
        return Optional.empty();
      }
      JsonNode node = read.get();
      String dir = RepoPaths.parent(file);
      TsConfig parent = null;
      for (String extended : JsonFiles.strings(node.get("extends"))) {
        Optional<String> target = extendsTarget(dir, extended);
        if (target.isPresent()) {
          Optional<Loaded> base = resolve(target.get(), chain);
          if (base.isPresent()) {
            parent = base.get().config();
          }
        }
      }
      JsonNode options = node.get("compilerOptions");
      Optional<String> baseUrl =
          JsonFiles.text(options, "baseUrl").map(b -> RepoPaths.join(dir, b));
      if (baseUrl.isEmpty() && parent != null) {
        baseUrl = parent.baseUrl();
      }
      PathPatterns paths;
      JsonNode pathsNode = options == null ? null : options.get("paths");
      if (pathsNode != null && pathsNode.isObject()) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        Iterator<String> names = pathsNode.fieldNames();
        while (names.hasNext()) {
          String name = names.next();
          map.put(name, JsonFiles.strings(pathsNode.get(name)));
        }
        paths = new PathPatterns(baseUrl.orElse(dir), map);
      } else if (parent != null) {
        PathPatterns inherited = parent.paths();
        // Inherited paths resolve against this config's baseUrl when it sets one.
        paths = new PathPatterns(baseUrl.orElse(inherited.base()), inherited.patterns());
      } else {
        paths = new PathPatterns(dir, Map.of());
      }
      List<Glob> include = new ArrayList<>();
      Set<String> files = new HashSet<>();
      if (node.has("include")) {
        for (String pattern : JsonFiles.strings(node.get("include"))) {
          String joined = RepoPaths.join(dir, pattern);
          if (joined != null) {
            boolean plainDirectory = !pattern.contains("*") && !pattern.contains(".");
            include.add(Glob.of("/" + (plainDirectory ? joined + "/**" : joined)));
          }
        }
      } else if (parent != null && !node.has("files")) {
        include.addAll(parent.include());
      }
      for (String listed : JsonFiles.strings(node.get("files"))) {
        String joined = RepoPaths.join(dir, listed);
        if (joined != null) {
          files.add(joined);
        }
      }
      if (node.has("files") && files.isEmpty() && include.isEmpty()) {
        // `"files": []` owns nothing (a solution config); keep that distinct from "owns all".
        files.add("\0none");
      }
      Optional<String> outDir = JsonFiles.text(options, "outDir").map(o -> RepoPaths.join(dir, o));
      if (outDir.isEmpty() && parent != null) {
        outDir = parent.outDir();
      }
      String rootDir =
          JsonFiles.text(options, "rootDir").map(r -> RepoPaths.join(dir, r)).orElse(dir);
      List<String> references = new ArrayList<>();
      JsonNode refs = node.get("references");
      if (refs != null && refs.isArray()) {
        for (JsonNode ref : refs) {
          JsonFiles.text(ref, "path")
              .map(p -> RepoPaths.join(dir, p))
              .map(p -> p.endsWith(".json") ? p : RepoPaths.join(p, "tsconfig.json"))
              .ifPresent(references::add);
        }
      }
      TsConfig config = new TsConfig(file, baseUrl, paths, include, files, outDir, rootDir);
      return Optional.of(new Loaded(config, references));
    }

    /** A relative extends names a file (".json" optional); a bare one a package's config. */
    private Optional<String> extendsTarget(String dir, String extended) {
      if (extended.startsWith(".") || extended.startsWith("/")) {
        String joined = RepoPaths.join(dir, extended);
        if (joined == null) {
          return Optional.empty();
        }
        if (Files.isRegularFile(repo.root().resolve(joined))) {
          return Optional.of(joined);
        }
        return Optional.of(joined + ".json");
      }
      // Shared configs from node_modules, searched upwards as Node does.
      String at = dir;
      while (true) {
        String base = RepoPaths.join(at, "node_modules/" + extended);
        if (base != null) {
          for (String candidate : List.of(base, base + ".json", base + "/tsconfig.json")) {
            Path path = repo.root().resolve(candidate);
            if (Files.isRegularFile(path)) {
              return Optional.of(candidate);
            }
          }
        }
        if (at.isEmpty()) {
          return Optional.empty();
        }
        at = RepoPaths.parent(at);
      }
    }
  }
}
