package dev.velocitytrinity.depci.analysis;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.velocitytrinity.depci.cache.ContentHash;
import dev.velocitytrinity.depci.cache.ExtractionCache;
import dev.velocitytrinity.depci.cache.GraphCache;
import dev.velocitytrinity.depci.graph.Edge;
import dev.velocitytrinity.depci.graph.ExternalImport;
import dev.velocitytrinity.depci.graph.FileNode;
import dev.velocitytrinity.depci.graph.ImportGraph;
import dev.velocitytrinity.depci.graph.UnresolvedImport;
import dev.velocitytrinity.depci.parse.ImportExtractor;
import dev.velocitytrinity.depci.parse.NativeRuntime;
import dev.velocitytrinity.depci.parse.SourceImport;
import dev.velocitytrinity.depci.parse.SourceLanguage;
import dev.velocitytrinity.depci.parse.python.PythonImportExtractor;
import dev.velocitytrinity.depci.parse.typescript.TypeScriptImportExtractor;
import dev.velocitytrinity.depci.resolve.ImportResolver;
import dev.velocitytrinity.depci.resolve.PythonResolver;
import dev.velocitytrinity.depci.resolve.PythonSourceRoots;
import dev.velocitytrinity.depci.resolve.Resolution;
import dev.velocitytrinity.depci.resolve.TypeScriptResolver;
import dev.velocitytrinity.depci.scan.FileStat;
import dev.velocitytrinity.depci.scan.Glob;
import dev.velocitytrinity.depci.scan.RepoFiles;
import dev.velocitytrinity.depci.scan.RepoScanner;
import dev.velocitytrinity.depci.scan.ScanRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans a repository, extracts every source file's imports in parallel (one tree-sitter parser per
 * worker thread; only the extracted imports are kept, never a syntax tree), resolves them and
 * builds the {@link ImportGraph}. Extraction results are cached by content hash.
 */
public final class RepoAnalyzer {

  private static final Logger LOG = LoggerFactory.getLogger(RepoAnalyzer.class);

  /** Bump when extraction output changes, so old caches are not trusted. */
  static final String CACHE_FINGERPRINT =
      "extract-1;tree-sitter-0.26.6;typescript-0.23.2;tsx-0.23.2;javascript-0.25.0;python-0.25.0";

  public static final String CACHE_FILE = ".dep-ci/cache/imports-v1.bin";

  public static final String GRAPH_CACHE_FILE = ".dep-ci/cache/graph-v1.bin";

  /** Files whose content steers resolution (manifests, tsconfigs, Python packaging). */
  private static boolean isResolutionInput(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.equals("package.json")
        || name.equals("pnpm-workspace.yaml")
        || name.equals("pyproject.toml")
        || name.equals("setup.cfg")
        || ((name.startsWith("tsconfig") || name.startsWith("jsconfig")) && name.endsWith(".json"));
  }

  /**
   * A digest of everything resolution reads: settings, the whole file list, each source's content
   * hash and each resolution input's content.
   */
  private static String inputKey(RepoFiles repo, ExtractionCache cache, AnalysisSettings settings)
      throws IOException {
    MessageDigest digest = settingsDigest(settings);
    for (String file : sorted(repo.files())) {
      add(digest, file);
      Optional<String> hash = cache.hashOf(file);
      if (hash.isPresent()) {
        add(digest, hash.get());
      } else if (isResolutionInput(file)) {
        try {
          add(digest, ContentHash.of(Files.readAllBytes(repo.absolute(file))));
        } catch (NoSuchFileException e) {
          add(digest, "missing"); // deleted since the scan: the next run sees the new state
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A hash of what the scan saw: settings, the file list, and the inputs' sizes and times. It runs
   * on every warm run, so it uses xxh3-128 (no security provider to initialise, fast before the JIT
   * has compiled anything) where the content key uses SHA-256.
   */
  private record StatKey(String key, long newestModifiedMillis) {
    static StatKey of(RepoFiles repo, AnalysisSettings settings) {
      HashStream128 hash = Hashing.xxh3_128().hashStream();
      settingsText(settings).forEach(hash::putString);
      Set<String> sources = new HashSet<>(repo.sources());
      long newest = Long.MIN_VALUE;
      for (String file : sorted(repo.files())) {
        hash.putString(file);
        FileStat stat = repo.stat(file);
        if (stat != null && (sources.contains(file) || isResolutionInput(file))) {
          hash.putByte((byte) 1).putLong(stat.size()).putLong(stat.modifiedMillis());
          newest = Math.max(newest, stat.modifiedMillis());
        } else {
          hash.putByte((byte) 0);
        }
      }
      return new StatKey(hash.get().toString(), newest);
    }
  }

  private static MessageDigest settingsDigest(AnalysisSettings settings) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    settingsText(settings).forEach(text -> add(digest, text));
    return digest;
  }

  /** The settings as canonical text, the same from one JVM to the next. */
  private static List<String> settingsText(AnalysisSettings settings) {
    // Not ScanRules.toString(): its Set.copyOf iterates in an order that changes from one JVM to
    // the next, which made every warm run miss the graph cache.
    ScanRules scan = settings.scan();
    return List.of(
        CACHE_FINGERPRINT,
        scan.roots().toString(),
        scan.include().stream().map(Glob::text).toList().toString(),
        scan.exclude().stream().map(Glob::text).toList().toString(),
        Boolean.toString(scan.gitignore()),
        new TreeSet<>(scan.languages()).toString(),
        settings.aliases().toString(),
        settings.pythonSourceRoots().toString(),
        new TreeSet<>(settings.deletedFiles()).toString());
  }

  private static void add(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static List<String> sorted(Set<String> files) {
    List<String> list = new ArrayList<>(files);
    list.sort(null);
    return list;
  }

  private final RepoScanner scanner;
  private final Clock clock;

  public RepoAnalyzer(RepoScanner scanner, Clock clock) {
    this.scanner = scanner;
    this.clock = clock;
  }

  public Analysis analyze(Path root, AnalysisSettings settings, ProgressListener progress)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    long scanStarted = clock.millis();
    RepoFiles scanned = scanner.scan(root, settings.scan());
    long t1 = System.nanoTime();
    Path graphFile = root.resolve(GRAPH_CACHE_FILE);
    StatKey statKey = settings.cache() ? StatKey.of(scanned, settings) : null;
    if (statKey != null) {
      Optional<ImportGraph> unchanged =
          GraphCache.loadByStat(graphFile, statKey.key(), statKey.newestModifiedMillis(), root);
      if (unchanged.isPresent()) {
        LOG.debug(
            "{} sources unchanged since the last run: scan {} ms, graph loaded in {} ms",
            scanned.sources().size(),
            (t1 - t0) / 1_000_000,
            (System.nanoTime() - t1) / 1_000_000);
        return new Analysis(unchanged.get(), 0, scanned.sources().size());
      }
    }
    Path cacheFile = root.resolve(CACHE_FILE);
    ExtractionCache cache =
        settings.cache()
            ? ExtractionCache.load(cacheFile, CACHE_FINGERPRINT)
            : ExtractionCache.empty(cacheFile, CACHE_FINGERPRINT);
    List<String> sources = scanned.sources();
    Extracted extracted = extractAll(scanned, sources, cache, settings.workers(), progress);
    if (settings.cache() && !cache.unchanged()) {
      try {
        cache.save(clock.millis());
      } catch (IOException e) {
        // The cache only saves time: a read-only checkout must still get its answer.
        LOG.warn("cannot write {}: {}", cacheFile, e.getMessage());
      }
    }
    long t2 = System.nanoTime();
    RepoFiles repo =
        settings.deletedFiles().isEmpty() ? scanned : scanned.withFiles(settings.deletedFiles());
    String key = settings.cache() ? inputKey(scanned, cache, settings) : "";
    Optional<ImportGraph> known =
        settings.cache() ? GraphCache.load(graphFile, key, root) : Optional.empty();
    Analysis analysis;
    if (known.isPresent()) {
      analysis = new Analysis(known.get(), extracted.parsed(), extracted.cached());
      try {
        // Only the stat key missed (the stat path was tried first): store the graph under the
        // current one, or every later run would take this slower path.
        GraphCache.rekey(graphFile, new GraphCache.Keys(key, statKey.key(), scanStarted));
      } catch (IOException e) {
        LOG.warn("cannot write {}: {}", graphFile, e.getMessage());
      }
    } else {
      Built built = build(repo, sources, extracted, settings);
      analysis = built.analysis();
      if (settings.cache()) {
        try {
          GraphCache.save(
              graphFile,
              new GraphCache.Keys(key, statKey.key(), scanStarted),
              built.diskProbes(),
              analysis.graph());
        } catch (IOException e) {
          LOG.warn("cannot write {}: {}", graphFile, e.getMessage());
        }
      }
    }
    LOG.debug(
        "{} sources ({} parsed, {} cached): scan {} ms, extract {} ms, resolve {} ms",
        sources.size(),
        extracted.parsed(),
        extracted.cached(),
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (System.nanoTime() - t2) / 1_000_000);
    if (extracted.parsed() > 0) {
      LOG.debug("parsed with {}", NativeRuntime.active().description());
    }
    return analysis;
  }

  private record Extracted(List<List<SourceImport>> imports, int parsed, int cached) {}

  private Extracted extractAll(
      RepoFiles repo,
      List<String> sources,
      ExtractionCache cache,
      int workers,
      ProgressListener progress)
      throws InterruptedException {
    int total = sources.size();
    @SuppressWarnings("unchecked")
    List<SourceImport>[] results = new List[total];
    AtomicInteger done = new AtomicInteger();
    AtomicInteger parsed = new AtomicInteger();
    progress.started(total);
    try {
      ParallelIndices.run(
          total,
          workers,
          "dep-ci-parse",
          () ->
              new ParallelIndices.Worker() {
                final Map<SourceLanguage, ImportExtractor> extractors =
                    new EnumMap<>(SourceLanguage.class);

                @Override
                public void run(int i) {
                  results[i] = extractOne(repo, sources.get(i), cache, extractors, parsed);
                  progress.advanced(done.incrementAndGet(), total);
                }

                @Override
                public void close() {
                  extractors.values().forEach(ImportExtractor::close);
                }
              });
    } finally {
      progress.finished();
    }
    List<List<SourceImport>> imports = new ArrayList<>(total);
    for (List<SourceImport> result : results) {
      imports.add(result == null ? List.of() : result);
    }
    return new Extracted(imports, parsed.get(), total - parsed.get());
  }

  private static List<SourceImport> extractOne(
      RepoFiles repo,
      String path,
      ExtractionCache cache,
      Map<SourceLanguage, ImportExtractor> extractors,
      AtomicInteger parsed) {
    Path file = repo.absolute(path);
    try {
      FileStat stat = repo.stat(path);
      if (stat == null) {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        stat = new FileStat(attrs.size(), attrs.lastModifiedTime().toMillis());
      }
      long modified = stat.modifiedMillis();
      Optional<List<SourceImport>> known = cache.byStat(path, stat.size(), modified);
      if (known.isPresent()) {
        return known.get();
      }
      byte[] content = Files.readAllBytes(file);
      String hash = ContentHash.of(content);
      List<SourceImport> imports = cache.byHash(hash).orElse(null);
      if (imports == null) {
        SourceLanguage language = SourceLanguage.ofFileName(path).orElseThrow();
        ImportExtractor extractor = extractors.computeIfAbsent(language, RepoAnalyzer::extractor);
        imports = extractor.extract(path.substring(path.lastIndexOf('/') + 1), content);
        parsed.incrementAndGet();
      }
      cache.put(path, new ExtractionCache.Entry(content.length, modified, hash, imports));
      return imports;
    } catch (NoSuchFileException e) {
      LOG.debug("{} disappeared while scanning", path);
      return List.of();
    } catch (IOException e) {
      LOG.warn("{}: cannot read: {}", path, e.getMessage());
      return List.of();
    }
  }

  private static ImportExtractor extractor(SourceLanguage language) {
    return switch (language) {
      case TYPESCRIPT, JAVASCRIPT -> new TypeScriptImportExtractor();
      case PYTHON -> new PythonImportExtractor();
    };
  }

  /** A fresh graph, and the files outside the scan that it depended on (see GraphCache). */
  private record Built(Analysis analysis, Map<String, Boolean> diskProbes) {}

  /** What one source's imports resolved to. */
  private record Resolved(
      List<Edge> edges, List<ExternalImport> externals, List<UnresolvedImport> unresolved) {}

  /** Resolves every source's imports on the worker threads (the resolvers are thread-safe). */
  private Built build(
      RepoFiles repo, List<String> sources, Extracted extracted, AnalysisSettings settings)
      throws InterruptedException {
    Set<SourceLanguage> languages = EnumSet.noneOf(SourceLanguage.class);
    sources.forEach(from -> languages.add(SourceLanguage.ofFileName(from).orElseThrow()));
    PythonResolver python =
        languages.contains(SourceLanguage.PYTHON)
            ? new PythonResolver(repo, PythonSourceRoots.detect(repo, settings.pythonSourceRoots()))
            : null;
    TypeScriptResolver typescript =
        languages.stream().anyMatch(l -> l != SourceLanguage.PYTHON)
            ? TypeScriptResolver.create(repo, settings.aliases())
            : null;
    Resolved[] results = new Resolved[sources.size()];
    ParallelIndices.run(
        sources.size(),
        settings.workers(),
        "dep-ci-resolve",
        () ->
            i -> {
              String from = sources.get(i);
              ImportResolver resolver =
                  SourceLanguage.ofFileName(from).orElseThrow() == SourceLanguage.PYTHON
                      ? python
                      : typescript;
              results[i] = resolveOne(from, extracted.imports().get(i), resolver);
            });
    List<FileNode> files = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    List<ExternalImport> externals = new ArrayList<>();
    List<UnresolvedImport> unresolved = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String from = sources.get(i);
      files.add(new FileNode(from, SourceLanguage.ofFileName(from).orElseThrow().label()));
      edges.addAll(results[i].edges());
      externals.addAll(results[i].externals());
      unresolved.addAll(results[i].unresolved());
    }
    for (String deleted : settings.deletedFiles()) {
      files.add(
          new FileNode(
              deleted,
              SourceLanguage.ofFileName(deleted).map(SourceLanguage::label).orElse("other")));
    }
    return new Built(
        new Analysis(
            ImportGraph.of(files, edges, externals, unresolved),
            extracted.parsed(),
            extracted.cached()),
        typescript == null ? Map.of() : typescript.diskProbes());
  }

  private static Resolved resolveOne(
      String from, List<SourceImport> imports, ImportResolver resolver) {
    List<Edge> edges = new ArrayList<>();
    List<ExternalImport> externals = new ArrayList<>();
    List<UnresolvedImport> unresolved = new ArrayList<>();
    for (SourceImport imp : imports) {
      Resolution resolution = resolver.resolve(from, imp);
      if (resolution instanceof Resolution.Resolved resolved) {
        for (String target : resolved.targets()) {
          if (!target.equals(from)) {
            edges.add(
                new Edge(from, target, imp.kind(), imp.specifier(), imp.line(), imp.column()));
          }
        }
      } else if (resolution instanceof Resolution.External external) {
        externals.add(
            new ExternalImport(
                from, imp.specifier(), external.packageName(), imp.line(), imp.column()));
      } else if (resolution instanceof Resolution.Unresolved miss) {
        unresolved.add(
            new UnresolvedImport(
                from, imp.specifier(), miss.relative(), miss.reason(), imp.line(), imp.column()));
      }
    }
    return new Resolved(edges, externals, unresolved);
  }
}
