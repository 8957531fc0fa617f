package dev.velocitytrinity.depci.graph;

import java.util.Objects;

/**
 * A file in the graph.
 *
 * @param path repository-relative, {@code /}-separated
 * @param language {@code typescript}, {@code javascript}, {@code python}, or {@code other} for an
 *     imported file dep-ci does not parse (such as {@code data.json})
 */
public record FileNode(String path, String language) {
  public FileNode {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(language, "language");
  }
}
