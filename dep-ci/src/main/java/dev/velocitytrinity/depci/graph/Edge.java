package dev.velocitytrinity.depci.graph;

import dev.velocitytrinity.depci.parse.ImportKind;
import java.util.Objects;

/** {@code from} imports {@code to}, as written at {@code line:column} of {@code from}. */
public record Edge(
    String from, String to, ImportKind kind, String specifier, int line, int column) {
  public Edge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(specifier, "specifier");
  }
}
