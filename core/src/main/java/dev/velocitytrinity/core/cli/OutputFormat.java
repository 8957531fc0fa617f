package dev.velocitytrinity.core.cli;

/** How a command prints its result: for people, or as JSON for scripts. */
public enum OutputFormat {
  TEXT,
  JSON
}
