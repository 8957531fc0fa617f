package dev.velocitytrinity.core.config;

/**
 * Where a setting's value came from, weakest first. The one place that defines precedence: a flag
 * beats an environment variable, which beats the project file, then the user file, then the
 * default.
 */
public enum ConfigSource {
  DEFAULT("default"),
  USER_FILE("user file"),
  PROJECT_FILE("project file"),
  ENV("environment"),
  FLAG("flag");

  private final String label;

  ConfigSource(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
