package dev.velocitytrinity.core.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a tool reads from its process: environment variables, the working directory and how it was
 * invoked. Tests pass their own, so no test depends on the machine's environment; a tool daemon
 * passes its client's.
 */
public record ToolEnvironment(
    Map<String, String> env, Path workingDirectory, Invocation invocation) {

  public ToolEnvironment {
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(invocation, "invocation");
  }

  /** A run in a JVM of its own, not on a terminal (what tests use). */
  public ToolEnvironment(Map<String, String> env, Path workingDirectory) {
    this(env, workingDirectory, Invocation.ownProcess(false));
  }

  public static ToolEnvironment system() {
    return new ToolEnvironment(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Invocation.ownProcess(System.console() != null));
  }

  /** {@code $XDG_CONFIG_HOME/velocity-trinity}, by default {@code ~/.config/velocity-trinity}. */
  public Path userConfigDir() {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "velocity-trinity");
    }
    return home().resolve(".config").resolve("velocity-trinity");
  }

  /** {@code $XDG_CACHE_HOME/velocity-trinity}, by default {@code ~/.cache/velocity-trinity}. */
  public Path userCacheDir() {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "velocity-trinity");
    }
    return home().resolve(".cache").resolve("velocity-trinity");
  }

  private Path home() {
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
  }
}
