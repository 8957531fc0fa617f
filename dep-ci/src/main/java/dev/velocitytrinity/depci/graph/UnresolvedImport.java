package dev.velocitytrinity.depci.graph;

import java.util.Objects;

/**
 * An import that names a file in the repository that does not exist.
 *
 * @param relative true for {@code ./x}-style and Python relative imports: always a bug
 * @param reason what was tried, for the message
 */
public record UnresolvedImport(
    String from, String specifier, boolean relative, String reason, int line, int column) {
  public UnresolvedImport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(specifier, "specifier");
    Objects.requireNonNull(reason, "reason");
  }
}
