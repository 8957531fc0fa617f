package dev.velocitytrinity.depci.scan;

import dev.velocitytrinity.depci.parse.SourceLanguage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Lists a repository's files, honouring {@code .gitignore} and the configured globs. */
public final class RepoScanner {

  /** Never worth scanning: dependencies, git's store and dep-ci's own cache. */
  private static final Set<String> SKIPPED_DIRECTORIES = Set.of("node_modules", ".git", ".dep-ci");

  public RepoFiles scan(Path root, ScanRules rules) throws IOException {
    Map<String, FileStat> files = new HashMap<>();
    Set<String> sources = new HashSet<>();
    for (String rootDir : rules.roots()) {
      Path start = root.resolve(rootDir).normalize();
      if (!start.startsWith(root)) {
        throw new IllegalArgumentException("root '" + rootDir + "' is outside the repository");
      }
      if (!Files.isDirectory(start)) {
        throw new java.nio.file.NoSuchFileException(
            rootDir, null, "configured root is not a directory");
      }
      walk(root, start, rules, files, sources);
    }
    List<String> sorted = new ArrayList<>(sources);
    sorted.sort(null);
    return RepoFiles.of(root, sorted, files);
  }

  private void walk(
      Path root, Path start, ScanRules rules, Map<String, FileStat> files, Set<String> sources)
      throws IOException {
    Deque<IgnoreRules> ignores = new ArrayDeque<>();
    ignores.push(rules.gitignore() ? inheritedRules(root, start) : IgnoreRules.none());
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String rel = relative(root, dir);
            if (!dir.equals(start)) {
              String name = dir.getFileName().toString();
              if (SKIPPED_DIRECTORIES.contains(name)
                  || ignores.peek().ignored(rel, true)
                  || excluded(rules, rel)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
            }
            IgnoreRules current = ignores.peek();
            if (rules.gitignore()) {
              Path gitignore = dir.resolve(".gitignore");
              if (Files.isRegularFile(gitignore)) {
                current = current.with(rel, readLines(gitignore));
              }
            }
            ignores.push(current);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            ignores.pop();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile()) {
              return FileVisitResult.CONTINUE;
            }
            String rel = relative(root, file);
            if (ignores.peek().ignored(rel, false) || excluded(rules, rel)) {
              return FileVisitResult.CONTINUE;
            }
            files.put(rel, new FileStat(attrs.size(), attrs.lastModifiedTime().toMillis()));
            Optional<SourceLanguage> language =
                SourceLanguage.ofFileName(file.getFileName().toString());
            if (language.isPresent()
                && rules.languages().contains(language.get())
                && included(rules, rel)) {
              sources.add(rel);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // An unreadable entry (dangling link, permissions) is not part of the graph.
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** The .gitignore rules of the directories between the repository root and a scan root. */
  private static IgnoreRules inheritedRules(Path root, Path start) throws IOException {
    IgnoreRules rules = IgnoreRules.none();
    Path dir = root;
    Path rest = root.relativize(start);
    for (int i = 0; i <= rest.getNameCount(); i++) {
      if (i > 0) {
        dir = dir.resolve(rest.getName(i - 1));
      }
      if (dir.equals(start)) {
        break;
      }
      Path gitignore = dir.resolve(".gitignore");
      if (Files.isRegularFile(gitignore)) {
        rules = rules.with(relative(root, dir), readLines(gitignore));
      }
    }
    return rules;
  }

  private static boolean excluded(ScanRules rules, String rel) {
    for (Glob glob : rules.exclude()) {
      if (glob.matches(rel)) {
        return true;
      }
    }
    return false;
  }

  private static boolean included(ScanRules rules, String rel) {
    if (rules.include().isEmpty()) {
      return true;
    }
    for (Glob glob : rules.include()) {
      if (glob.matches(rel)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> readLines(Path file) throws IOException {
    // Decoded leniently: a stray non-UTF-8 byte in a .gitignore must not stop the scan.
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
  }

  static String relative(Path root, Path path) {
    String rel = root.relativize(path).toString();
    return path.getFileSystem().getSeparator().equals("/")
        ? rel
        : rel.replace(path.getFileSystem().getSeparator(), "/");
  }
}
