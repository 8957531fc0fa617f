package dev.velocitytrinity.depci.scan;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The files of a repository as one scan saw them; paths are relative to {@code root} with {@code /}
 * separators.
 *
 * @param root the repository root
 * @param sources the files to parse, sorted
 * @param files every file that was not ignored (sources and others such as {@code package.json} or
 *     {@code data.json}), for resolution to probe without touching the disk
 * @param directories every directory holding at least one of {@code files}, derived from them
 */
public record RepoFiles(
    Path root, List<String> sources, Set<String> files, Set<String> directories) {

  public RepoFiles {
    Objects.requireNonNull(root, "root");
    sources = List.copyOf(sources);
    files = Set.copyOf(files);
    directories = Set.copyOf(directories);
  }

  public static RepoFiles of(Path root, List<String> sources, Set<String> files) {
    return new RepoFiles(root, sources, files, directoriesOf(files));
  }

  public boolean isFile(String path) {
    return files.contains(path);
  }

  private static Set<String> directoriesOf(Set<String> files) {
    Set<String> dirs = new HashSet<>();
    for (String file : files) {
      int slash = file.lastIndexOf('/');
      while (slash > 0) {
        String dir = file.substring(0, slash);
        if (!dirs.add(dir)) {
          break;
        }
        slash = dir.lastIndexOf('/');
      }
    }
    return dirs;
  }

  public Path absolute(String path) {
    return root.resolve(path);
  }

  /** A copy that also knows {@code extra} files, e.g. ones deleted since a git ref. */
  public RepoFiles withFiles(Set<String> extra) {
    Set<String> all = new HashSet<>(files);
    all.addAll(extra);
    return RepoFiles.of(root, sources, all);
  }
}
