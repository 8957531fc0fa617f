package dev.velocitytrinity.core.cli;

import dev.velocitytrinity.core.log.LogFormat;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command accepts, before or after the subcommand name. Enum values are matched
 * case-insensitively (the runner turns that on), so {@code --format json} works. Picocli binds them
 * to whichever command they were typed on; {@link Globals#from} reads them back from the whole
 * parse.
 */
public final class GlobalOptions {

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log progress and details (debug level).")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Print only errors.")
  boolean quiet;

  @Option(
      names = "--format",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      description = "Output format: text for people (default), json for scripts.")
  OutputFormat format;

  @Option(
      names = "--log-format",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      description = "Log line format on stderr: text (default) or json (one object per line).")
  LogFormat logFormat;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Project config file (default: <tool>.yml in the working directory).")
  Path config;

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      hidden = true,
      description = "Print stack traces of errors.")
  boolean stacktrace;
}
