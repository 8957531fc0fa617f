package dev.velocitytrinity.depci.parse;

import java.util.List;
import java.util.Objects;

/**
 * One import as written in a source file, before resolution.
 *
 * @param specifier the module as written: {@code ./utils}, {@code @org/pkg/sub}; for Python the
 *     dotted module with its leading dots, {@code ..pkg.mod} ({@code .} for {@code from . import
 *     x})
 * @param kind how it imports
 * @param line 1-based line of the specifier
 * @param column 1-based column of the specifier, in characters (not UTF-8 bytes)
 * @param names for Python {@code from m import a, b}, the imported names ({@code *} for a
 *     wildcard); empty otherwise
 */
public record SourceImport(
    String specifier, ImportKind kind, int line, int column, List<String> names) {

  public SourceImport {
    Objects.requireNonNull(specifier, "specifier");
    Objects.requireNonNull(kind, "kind");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
    names = List.copyOf(names);
  }

  public static SourceImport of(String specifier, ImportKind kind, int line, int column) {
    return new SourceImport(specifier, kind, line, column, List.of());
  }
}
