package dev.velocitytrinity.core.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a tool reads from its process: environment variables and the working directory. Tests pass
 * their own, so no test depends on the machine's environment.
 */
public record ToolEnvironment(Map<String, String> env, Path workingDirectory) {

  public ToolEnvironment {
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
  }

  public static ToolEnvironment system() {
    return new ToolEnvironment(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** {@code $XDG_CONFIG_HOME/velocity-trinity}, by default {@code ~/.config/velocity-trinity}. */
  public Path userConfigDir() {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "velocity-trinity");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".config", "velocity-trinity");
  }
}
