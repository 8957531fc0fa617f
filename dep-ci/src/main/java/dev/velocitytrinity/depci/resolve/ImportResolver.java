package dev.velocitytrinity.depci.resolve;

import dev.velocitytrinity.depci.parse.SourceImport;

/** Resolves the imports of one language to files of the repository. Thread-safe. */
public interface ImportResolver {

  /**
   * @param from the importing file, repository-relative
   * @param sourceImport the import as written
   */
  Resolution resolve(String from, SourceImport sourceImport);
}
