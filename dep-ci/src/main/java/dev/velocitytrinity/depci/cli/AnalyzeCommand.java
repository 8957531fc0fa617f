package dev.velocitytrinity.depci.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.depci.analysis.Analysis;
import dev.velocitytrinity.depci.analysis.AnalysisSettings;
import dev.velocitytrinity.depci.git.ChangedFiles;
import dev.velocitytrinity.depci.git.GitChanges;
import dev.velocitytrinity.depci.git.GitException;
import dev.velocitytrinity.depci.graph.AffectedFile;
import dev.velocitytrinity.depci.graph.Edge;
import dev.velocitytrinity.depci.graph.FileNode;
import dev.velocitytrinity.depci.graph.ImportGraph;
import dev.velocitytrinity.depci.report.GraphReports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dep-ci analyze}: the files a change affects. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Print the files affected by changing FILE... (their reverse import closure).")
public final class AnalyzeCommand implements Callable<Integer> {

  @Mixin RepoOptions repoOptions;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Changed files.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--explain", description = "Show one import chain per affected file.")
  boolean explain;

  @Option(
      names = "--since",
      paramLabel = "REF",
      description =
          "Add the files changed since the merge base of REF and HEAD, uncommitted and"
              + " untracked files included.")
  String since;

  private final CliContext context;

  AnalyzeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (files.isEmpty() && since == null) {
      throw new CommandException.Usage("name at least one FILE, or use --since REF");
    }
    RepoSession session = new RepoSession(context, repoOptions);
    Set<String> changed = new TreeSet<>();
    List<String> directories = new ArrayList<>();
    for (Path typed : files) {
      String path = session.repoPath(typed);
      Path absolute = session.root().resolve(path);
      if (!Files.exists(absolute)) {
        throw new CommandException.Usage(
            typed + ": no such file (for deleted files use --since REF)");
      }
      if (Files.isDirectory(absolute)) {
        directories.add(path);
      } else {
        changed.add(path);
      }
    }
    Set<String> deleted = Set.of();
    if (since != null) {
      ChangedFiles fromGit = gitChanges(session.root());
      changed.addAll(fromGit.changed());
      deleted = fromGit.deleted();
    }
    AnalysisSettings settings = session.settings().withDeletedFiles(deleted);
    Analysis analysis = session.analyze(settings);
    ImportGraph graph = analysis.graph();
    for (String dir : directories) {
      for (FileNode file : graph.files()) {
        if (dir.isEmpty() || file.path().startsWith(dir + "/")) {
          changed.add(file.path());
        }
      }
    }
    Set<String> all = new TreeSet<>(changed);
    all.addAll(deleted);
    List<AffectedFile> affected = graph.affected(all);
    if (context.globals().json()) {
      context.printJson(GraphReports.analyzeJson(all, affected, explain));
      return ExitCode.OK;
    }
    PrintWriter out = context.out();
    for (AffectedFile file : affected) {
      out.println(file.path());
      if (explain) {
        for (Edge edge : file.chain()) {
          out.println("  " + GraphReports.hop(edge));
        }
      }
    }
    return ExitCode.OK;
  }

  private ChangedFiles gitChanges(Path root) throws InterruptedException {
    try {
      return new GitChanges("git").since(root, since);
    } catch (GitException e) {
      if (e.unavailable()) {
        throw new CommandException.Unavailable(e.getMessage(), e);
      }
      throw new CommandException.Usage("--since " + since + ": " + e.getMessage());
    }
  }
}
