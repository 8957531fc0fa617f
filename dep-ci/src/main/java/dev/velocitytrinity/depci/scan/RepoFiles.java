package dev.velocitytrinity.depci.scan;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * @param stats size and modification time of the files the scan saw (not of {@code extra} ones
 *     added by {@link #withFiles})
 */
public record RepoFiles(
    Path root,
    List<String> sources,
    Set<String> files,
    Set<String> directories,
    Map<String, FileStat> stats) {

  public RepoFiles {
    Objects.requireNonNull(root, "root");
    sources = List.copyOf(sources);
    files = Set.copyOf(files);
    directories = Set.copyOf(directories);
    stats = Map.copyOf(stats);
  }

  /** The files of a scan: every key of {@code stats}. */
  public static RepoFiles of(Path root, List<String> sources, Map<String, FileStat> stats) {
    return new RepoFiles(root, sources, stats.keySet(), directoriesOf(stats.keySet()), stats);
  }

  public boolean isFile(String path) {
    return files.contains(path);
  }

  /** The file's size and time as the scan saw them, or {@code null} for a file it did not see. */
  public FileStat stat(String path) {
    return stats.get(path);
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
    return new RepoFiles(root, sources, all, directoriesOf(all), stats);
  }
}
