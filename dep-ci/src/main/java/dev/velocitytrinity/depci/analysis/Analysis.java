package dev.velocitytrinity.depci.analysis;

import dev.velocitytrinity.depci.graph.ImportGraph;
import java.util.Objects;

/**
 * The outcome of analysing a repository.
 *
 * @param graph the import graph
 * @param parsedFiles how many files were parsed (not served from the cache)
 * @param cachedFiles how many files' imports came from the cache
 */
public record Analysis(ImportGraph graph, int parsedFiles, int cachedFiles) {
  public Analysis {
    Objects.requireNonNull(graph, "graph");
  }
}
