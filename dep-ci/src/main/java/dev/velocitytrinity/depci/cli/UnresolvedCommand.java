package dev.velocitytrinity.depci.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.depci.graph.UnresolvedImport;
import dev.velocitytrinity.depci.report.GraphReports;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dep-ci unresolved}: broken imports, as a CI check. */
@Command(
    name = "unresolved",
    mixinStandardHelpOptions = true,
    description =
        "List imports of repository files that do not exist; exit 1 if a relative one is.")
public final class UnresolvedCommand implements Callable<Integer> {

  @Mixin RepoOptions repoOptions;

  private final CliContext context;

  UnresolvedCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    RepoSession session = new RepoSession(context, repoOptions);
    List<UnresolvedImport> unresolved = session.analyze(session.settings()).graph().unresolved();
    if (context.globals().json()) {
      context.printJson(GraphReports.unresolvedDocument(unresolved));
    } else {
      unresolved.forEach(miss -> context.out().println(GraphReports.unresolvedLine(miss)));
    }
    boolean broken = unresolved.stream().anyMatch(UnresolvedImport::relative);
    return broken ? ExitCode.FAILED : ExitCode.OK;
  }
}
