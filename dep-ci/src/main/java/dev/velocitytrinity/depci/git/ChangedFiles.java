package dev.velocitytrinity.depci.git;

import java.util.Set;
import java.util.TreeSet;

/**
 * Files changed since a git ref, relative to the analysed root.
 *
 * @param changed added, modified and untracked files, and the new side of renames
 * @param deleted deleted files and the old side of renames
 */
public record ChangedFiles(Set<String> changed, Set<String> deleted) {
  public ChangedFiles {
    changed = java.util.Collections.unmodifiableSet(new TreeSet<>(changed));
    deleted = java.util.Collections.unmodifiableSet(new TreeSet<>(deleted));
  }
}
