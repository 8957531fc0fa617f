package dev.velocitytrinity.depci.resolve;

import dev.velocitytrinity.depci.scan.Glob;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One tsconfig with its {@code extends} chain applied; every path is repository-relative.
 *
 * @param file the config file
 * @param baseUrl the effective {@code baseUrl} directory, if any
 * @param paths the effective {@code paths}, relative to {@code baseUrl} or else to the config that
 *     declared them
 * @param include globs of the files the config owns; empty with {@code files} empty means all
 * @param files explicitly listed files
 * @param outDir where the project's build output goes, if set
 * @param rootDir the sources the output mirrors (the config's directory unless set)
 */
record TsConfig(
    String file,
    Optional<String> baseUrl,
    PathPatterns paths,
    List<Glob> include,
    Set<String> files,
    Optional<String> outDir,
    String rootDir) {

  TsConfig {
    Objects.requireNonNull(file, "file");
    include = List.copyOf(include);
    files = Set.copyOf(files);
  }

  String dir() {
    return RepoPaths.parent(file);
  }

  /** Whether the config's include/files cover {@code source}; a config without either owns all. */
  boolean owns(String source) {
    if (include.isEmpty() && files.isEmpty()) {
      return RepoPaths.isWithin(source, dir());
    }
    if (files.contains(source)) {
      return true;
    }
    for (Glob glob : include) {
      if (glob.matches(source)) {
        return true;
      }
    }
    return false;
  }
}
