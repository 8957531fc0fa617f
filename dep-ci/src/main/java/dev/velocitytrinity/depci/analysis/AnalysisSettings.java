package dev.velocitytrinity.depci.analysis;

import dev.velocitytrinity.depci.scan.ScanRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to analyse a repository.
 *
 * @param scan which files to visit
 * @param aliases import aliases ({@code @app/*} → {@code [src/app/*]}), relative to the root
 * @param pythonSourceRoots configured Python source roots; empty means detect
 * @param workers parser threads, at least 1
 * @param cache whether to read and write {@code .dep-ci/cache/}
 * @param deletedFiles files that no longer exist but still count as import targets (for {@code
 *     --since}: a deleted file still affects the files that imported it)
 */
public record AnalysisSettings(
    ScanRules scan,
    Map<String, List<String>> aliases,
    List<String> pythonSourceRoots,
    int workers,
    boolean cache,
    Set<String> deletedFiles) {

  public AnalysisSettings {
    Objects.requireNonNull(scan, "scan");
    aliases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    pythonSourceRoots = List.copyOf(pythonSourceRoots);
    deletedFiles = Set.copyOf(deletedFiles);
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
  }

  public static AnalysisSettings defaults() {
    return new AnalysisSettings(
        ScanRules.defaults(),
        Map.of(),
        List.of(),
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        true,
        Set.of());
  }

  public AnalysisSettings withDeletedFiles(Set<String> deleted) {
    return new AnalysisSettings(scan, aliases, pythonSourceRoots, workers, cache, deleted);
  }

  public AnalysisSettings withCache(boolean enabled) {
    return new AnalysisSettings(scan, aliases, pythonSourceRoots, workers, enabled, deletedFiles);
  }

  /**
   * Parses {@code PATTERN=TARGET} alias entries; several entries with one pattern give several
   * targets, tried in order.
   *
   * @throws IllegalArgumentException naming the first malformed entry
   */
  public static Map<String, List<String>> parseAliases(List<String> entries) {
    Map<String, List<String>> aliases = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "alias '" + entry + "' is not PATTERN=TARGET (e.g. @app/*=src/app/*)");
      }
      String pattern = entry.substring(0, eq).strip();
      String target = entry.substring(eq + 1).strip();
      if (pattern.chars().filter(c -> c == '*').count() > 1
          || target.chars().filter(c -> c == '*').count() > 1) {
        throw new IllegalArgumentException("alias '" + entry + "' has more than one '*'");
      }
      aliases.computeIfAbsent(pattern, p -> new java.util.ArrayList<>()).add(target);
    }
    return aliases;
  }
}
