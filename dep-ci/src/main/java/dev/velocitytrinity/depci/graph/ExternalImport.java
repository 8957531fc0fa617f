package dev.velocitytrinity.depci.graph;

import java.util.Objects;

/** An import of a package outside the repository (a dependency, a runtime or stdlib module). */
public record ExternalImport(
    String from, String specifier, String packageName, int line, int column) {
  public ExternalImport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(specifier, "specifier");
    Objects.requireNonNull(packageName, "packageName");
  }
}
