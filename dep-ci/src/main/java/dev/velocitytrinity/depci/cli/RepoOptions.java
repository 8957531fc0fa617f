package dev.velocitytrinity.depci.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every analysing command shares. */
public final class RepoOptions {

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description =
          "Repository root (default: the nearest ancestor holding .git or dep-ci.yml, else the"
              + " working directory).")
  Path root;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Parser threads, 0 = one per core (overrides analyze.workers).")
  Integer workers;

  @Option(names = "--no-cache", description = "Neither read nor write .dep-ci/cache/.")
  boolean noCache;
}
