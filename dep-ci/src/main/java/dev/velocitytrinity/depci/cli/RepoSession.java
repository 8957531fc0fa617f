package dev.velocitytrinity.depci.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.depci.analysis.Analysis;
import dev.velocitytrinity.depci.analysis.AnalysisSettings;
import dev.velocitytrinity.depci.analysis.ProgressListener;
import dev.velocitytrinity.depci.analysis.RepoAnalyzer;
import dev.velocitytrinity.depci.config.DepCiConfig;
import dev.velocitytrinity.depci.parse.SourceLanguage;
import dev.velocitytrinity.depci.scan.Glob;
import dev.velocitytrinity.depci.scan.RepoScanner;
import dev.velocitytrinity.depci.scan.ScanRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the analysing commands share: turning flags and config into {@link AnalysisSettings},
 * finding the repository root, running the analysis and mapping its failures to exit codes.
 */
final class RepoSession {

  private final CliContext context;
  private final RepoOptions options;
  private final Path root;
  private final AnalysisSettings settings;

  RepoSession(CliContext context, RepoOptions options) {
    this.context = context;
    this.options = options;
    if (options.workers != null) {
      context.setFromFlag("analyze.workers", "--workers", String.valueOf(options.workers));
    }
    if (options.noCache) {
      context.setFromFlag("analyze.cache", "--no-cache", "false");
    }
    DepCiConfig.Analyze config = context.config(DepCiConfig.class).analyze();
    this.root = findRoot();
    this.settings = settings(config);
  }

  Path root() {
    return root;
  }

  AnalysisSettings settings() {
    return settings;
  }

  Analysis analyze(AnalysisSettings settings) throws InterruptedException {
    ProgressListener progress =
        context.environment().invocation().terminal() && !context.globals().quiet()
            ? new TerminalProgress(context.err())
            : ProgressListener.NONE;
    try {
      return new RepoAnalyzer(new RepoScanner(settings.workers()), Clock.systemUTC())
          .analyze(root, settings, progress);
    } catch (NoSuchFileException e) {
      throw new CommandException.Usage(
          e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "no such file"));
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(e.getMessage());
    } catch (IOException e) {
      throw new CommandException.Unavailable("cannot read the repository: " + e.getMessage(), e);
    } catch (UnsatisfiedLinkError e) {
      throw new CommandException.Unavailable(
          "cannot load the tree-sitter parsers on this platform: " + e.getMessage(), null);
    }
  }

  /**
   * A path the user typed, as a repository-relative path. It must lie inside the root; it need not
   * exist (the caller decides whether that is an error).
   */
  String repoPath(Path typed) {
    Path absolute = context.resolve(typed);
    try {
      if (Files.exists(absolute)) {
        absolute = absolute.toRealPath();
      }
    } catch (IOException e) {
      // Keep the lexical path; the relativisation below still works for ordinary trees.
    }
    if (!absolute.startsWith(root)) {
      throw new CommandException.Usage(
          typed + ": outside the repository root " + root + " (use --root)");
    }
    return root.relativize(absolute).toString().replace('\\', '/');
  }

  private Path findRoot() {
    Path start;
    if (options.root != null) {
      start = context.resolve(options.root);
      if (!Files.isDirectory(start)) {
        throw new CommandException.Usage("--root " + options.root + ": not a directory");
      }
      return real(start);
    }
    Path dir = context.environment().workingDirectory();
    for (Path at = dir; at != null; at = at.getParent()) {
      if (Files.exists(at.resolve(".git")) || Files.exists(at.resolve("dep-ci.yml"))) {
        return real(at);
      }
    }
    return real(dir);
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static List<Glob> globs(String key, List<String> patterns) {
    try {
      return patterns.stream().map(Glob::of).toList();
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(
          key + ": invalid glob: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static AnalysisSettings settings(DepCiConfig.Analyze config) {
    Set<SourceLanguage> languages = EnumSet.noneOf(SourceLanguage.class);
    for (String name : config.languages()) {
      languages.add(
          SourceLanguage.ofLabel(name)
              .orElseThrow(
                  () ->
                      new CommandException.Usage(
                          "analyze.languages: unknown language '"
                              + name
                              + "' (expected typescript, javascript, python)")));
    }
    Map<String, List<String>> aliases;
    try {
      aliases = AnalysisSettings.parseAliases(config.aliases());
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage("analyze.aliases: " + e.getMessage());
    }
    int workers =
        config.workers() == 0
            ? Math.max(1, Runtime.getRuntime().availableProcessors())
            : config.workers();
    ScanRules scan =
        new ScanRules(
            config.roots().isEmpty() ? List.of(".") : config.roots(),
            globs("analyze.include", config.include()),
            globs("analyze.exclude", config.exclude()),
            config.gitignore(),
            languages);
    return new AnalysisSettings(
        scan, aliases, config.pythonSourceRoots(), workers, config.cache(), Set.of());
  }
}
