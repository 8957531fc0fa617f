package dev.velocitytrinity.depci.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.depci.graph.ImportGraph;
import dev.velocitytrinity.depci.report.GraphReports;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dep-ci graph}: the whole import graph, or the neighbourhood of one file. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = "Print the import graph as text, JSON, DOT or Mermaid.")
public final class GraphCommand implements Callable<Integer> {

  /** Renderings; the global --format only knows text and json, hence a flag of its own. */
  enum Rendering {
    TEXT,
    JSON,
    DOT,
    MERMAID
  }

  @Mixin RepoOptions repoOptions;

  @Option(
      names = "--as",
      paramLabel = "text|json|dot|mermaid",
      description = "Rendering (default text; --format json means --as json).")
  Rendering rendering;

  @Option(names = "--focus", paramLabel = "FILE", description = "Only files near FILE.")
  Path focus;

  @Option(
      names = "--depth",
      paramLabel = "N",
      defaultValue = "1",
      description = "Import hops from --focus, either direction (default ${DEFAULT-VALUE}).")
  int depth;

  private final CliContext context;

  GraphCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (depth < 0) {
      throw new CommandException.Usage("--depth must be 0 or more, got " + depth);
    }
    RepoSession session = new RepoSession(context, repoOptions);
    ImportGraph graph = session.analyze(session.settings()).graph();
    if (focus != null) {
      String path = session.repoPath(focus);
      if (!graph.contains(path)) {
        throw new CommandException.Usage(focus + ": not a file of the import graph");
      }
      graph = graph.focus(path, depth);
    }
    Rendering as =
        rendering != null ? rendering : context.globals().json() ? Rendering.JSON : Rendering.TEXT;
    switch (as) {
      case JSON -> context.printJson(GraphReports.graphJson(graph));
      case DOT -> context.out().print(GraphReports.dot(graph));
      case MERMAID -> context.out().print(GraphReports.mermaid(graph));
      case TEXT -> context.out().print(GraphReports.text(graph));
    }
    return ExitCode.OK;
  }
}
