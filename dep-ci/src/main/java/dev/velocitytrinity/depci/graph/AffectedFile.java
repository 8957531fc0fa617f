package dev.velocitytrinity.depci.graph;

import java.util.List;
import java.util.Objects;

/**
 * A file affected by a change, with one shortest import chain from it to a changed file.
 *
 * @param chain edges from {@code path} to a changed file; the first edge starts at {@code path}
 */
public record AffectedFile(String path, List<Edge> chain) {
  public AffectedFile {
    Objects.requireNonNull(path, "path");
    chain = List.copyOf(chain);
  }
}
