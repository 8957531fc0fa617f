package dev.velocitytrinity.core.config;

import java.util.Objects;

/** One thing wrong with the config, located compiler-style. */
public record ConfigProblem(ConfigOrigin origin, String message) {

  public ConfigProblem {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
  }

  /** {@code dep-ci.yml:7:3: error: analyze.workers must be between 1 and 256}. */
  public String format() {
    return origin.location() + ": error: " + message;
  }
}
