package dev.velocitytrinity.depci.scan;

import dev.velocitytrinity.depci.parse.SourceLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Lists a repository's files, honouring {@code .gitignore} and the configured globs. Directories
 * are walked in parallel (a fork/join task per directory): on a warm run the walk is most of the
 * work, and it is stat calls that two cores do in half the time.
 */
public final class RepoScanner {

  /** Never worth scanning: dependencies, git's store and dep-ci's own cache. */
  private static final Set<String> SKIPPED_DIRECTORIES = Set.of("node_modules", ".git", ".dep-ci");

  private final int threads;

  /**
   * @param threads how many directories are listed at once
   */
  public RepoScanner(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.threads = threads;
  }

  public RepoFiles scan(Path root, ScanRules rules) throws IOException {
    Map<String, FileStat> files = new ConcurrentHashMap<>();
    Set<String> sources = ConcurrentHashMap.newKeySet();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      for (String rootDir : rules.roots()) {
        Path start = root.resolve(rootDir).normalize();
        if (!start.startsWith(root)) {
          throw new IllegalArgumentException("root '" + rootDir + "' is outside the repository");
        }
        if (!Files.isDirectory(start)) {
          throw new NoSuchFileException(rootDir, null, "configured root is not a directory");
        }
        IgnoreRules inherited =
            rules.gitignore() ? inheritedRules(root, start) : IgnoreRules.none();
        pool.invoke(new DirectoryWalk(new Walk(root, rules, files, sources), start, inherited));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      pool.shutdown();
    }
    List<String> sorted = new ArrayList<>(sources);
    sorted.sort(null);
    return RepoFiles.of(root, sorted, files);
  }

  /** What every directory task of one scan shares. */
  private record Walk(
      Path root, ScanRules rules, Map<String, FileStat> files, Set<String> sources) {}

  /** Lists one directory, records its files and forks a task per subdirectory not skipped. */
  private static final class DirectoryWalk extends RecursiveAction {
    private final Walk walk;
    private final Path dir;
    private final IgnoreRules parentRules;

    DirectoryWalk(Walk walk, Path dir, IgnoreRules parentRules) {
      this.walk = walk;
      this.dir = dir;
      this.parentRules = parentRules;
    }

    @Override
    protected void compute() {
      String dirRel = relative(walk.root(), dir);
      IgnoreRules here = parentRules;
      List<DirectoryWalk> children = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        if (walk.rules().gitignore()) {
          Path gitignore = dir.resolve(".gitignore");
          if (Files.isRegularFile(gitignore)) {
            here = here.with(dirRel, readLines(gitignore));
          }
        }
        for (Path entry : entries) {
          BasicFileAttributes attrs;
          try {
            attrs =
                Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          } catch (IOException e) {
            continue; // gone or unreadable: not part of the graph
          }
          String rel = relative(walk.root(), entry);
          if (attrs.isDirectory()) {
            if (!SKIPPED_DIRECTORIES.contains(entry.getFileName().toString())
                && !here.ignored(rel, true)
                && !excluded(walk.rules(), rel)) {
              children.add(new DirectoryWalk(walk, entry, here));
            }
          } else if (attrs.isRegularFile()) {
            visitFile(entry, rel, attrs, here);
          }
        }
      } catch (AccessDeniedException | NoSuchFileException e) {
        return; // an unreadable or vanished directory is not part of the graph
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      invokeAll(children);
    }

    private void visitFile(Path file, String rel, BasicFileAttributes attrs, IgnoreRules here) {
      if (here.ignored(rel, false) || excluded(walk.rules(), rel)) {
        return;
      }
      walk.files().put(rel, new FileStat(attrs.size(), attrs.lastModifiedTime().toMillis()));
      Optional<SourceLanguage> language = SourceLanguage.ofFileName(file.getFileName().toString());
      if (language.isPresent()
          && walk.rules().languages().contains(language.get())
          && included(walk.rules(), rel)) {
        walk.sources().add(rel);
      }
    }
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
