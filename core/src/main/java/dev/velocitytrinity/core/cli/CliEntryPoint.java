package dev.velocitytrinity.core.cli;

import java.io.PrintWriter;

/** A tool's testable entry point: what {@code main} calls, minus {@code System.exit}. */
@FunctionalInterface
public interface CliEntryPoint {
  int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment environment);
}
