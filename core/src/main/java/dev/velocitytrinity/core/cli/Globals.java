package dev.velocitytrinity.core.cli;

import dev.velocitytrinity.core.log.LogFormat;
import dev.velocitytrinity.core.log.LogSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.event.Level;
import picocli.CommandLine.ParseResult;

/** The global options as the whole command line set them. */
public record Globals(
    boolean verbose,
    boolean quiet,
    OutputFormat format,
    LogFormat logFormat,
    Optional<Path> config,
    boolean stacktrace) {

  public static Globals defaults() {
    return new Globals(false, false, OutputFormat.TEXT, LogFormat.TEXT, Optional.empty(), false);
  }

  /** The last value given for each global option anywhere on the command line wins. */
  public static Globals from(ParseResult parse) {
    boolean verbose = false;
    boolean quiet = false;
    OutputFormat format = OutputFormat.TEXT;
    LogFormat logFormat = LogFormat.TEXT;
    Path config = null;
    boolean stacktrace = false;
    for (ParseResult p = parse; p != null; p = p.subcommand()) {
      verbose |= p.hasMatchedOption("--verbose");
      quiet |= p.hasMatchedOption("--quiet");
      stacktrace |= p.hasMatchedOption("--stacktrace");
      if (p.hasMatchedOption("--format")) {
        format = p.matchedOptionValue("--format", format);
      }
      if (p.hasMatchedOption("--log-format")) {
        logFormat = p.matchedOptionValue("--log-format", logFormat);
      }
      if (p.hasMatchedOption("--config")) {
        config = p.matchedOptionValue("--config", config);
      }
    }
    return new Globals(verbose, quiet, format, logFormat, Optional.ofNullable(config), stacktrace);
  }

  public LogSettings logSettings() {
    Level level = verbose ? Level.DEBUG : quiet ? Level.ERROR : Level.WARN;
    return new LogSettings(level, logFormat);
  }

  public boolean json() {
    return format == OutputFormat.JSON;
  }
}
