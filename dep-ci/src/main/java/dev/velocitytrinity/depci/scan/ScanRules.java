package dev.velocitytrinity.depci.scan;

import dev.velocitytrinity.depci.parse.SourceLanguage;
import java.util.List;
import java.util.Set;

/**
 * Which files a scan visits.
 *
 * @param roots directories to scan, relative to the repository root ({@code .} for all of it)
 * @param include globs a source file must match to be parsed; empty means every source file
 * @param exclude globs of files and directories to skip entirely
 * @param gitignore whether {@code .gitignore} files are honoured
 * @param languages the languages whose files are parsed
 */
public record ScanRules(
    List<String> roots,
    List<Glob> include,
    List<Glob> exclude,
    boolean gitignore,
    Set<SourceLanguage> languages) {

  public ScanRules {
    roots = List.copyOf(roots);
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    languages = Set.copyOf(languages);
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("at least one root is needed");
    }
  }

  public static ScanRules defaults() {
    return new ScanRules(List.of("."), List.of(), List.of(), true, Set.of(SourceLanguage.values()));
  }
}
