package dev.velocitytrinity.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inputs a config is resolved from, strongest last in precedence order: defaults, the user
 * file, the project file, environment variables, then flags (keyed by setting key).
 *
 * @param userFile e.g. {@code ~/.config/velocity-trinity/dep-ci.yml}, used when it exists
 * @param projectFile the project's file; {@code projectFileRequired} when the user named it
 * @param env the process environment
 * @param flags values given on the command line, by setting key, with the flag's name
 * @param workingDirectory files under it are named relative to it in messages
 */
public record ConfigSources(
    Optional<Path> userFile,
    Optional<Path> projectFile,
    boolean projectFileRequired,
    Map<String, String> env,
    Map<String, FlagValue> flags,
    Optional<Path> workingDirectory) {

  public ConfigSources {
    Objects.requireNonNull(userFile, "userFile");
    Objects.requireNonNull(projectFile, "projectFile");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    env = Map.copyOf(env);
    flags = Map.copyOf(flags);
  }

  public ConfigSources(
      Optional<Path> userFile,
      Optional<Path> projectFile,
      boolean projectFileRequired,
      Map<String, String> env,
      Map<String, FlagValue> flags) {
    this(userFile, projectFile, projectFileRequired, env, flags, Optional.empty());
  }

  /** How a config file is named in messages: relative to the working directory when inside it. */
  public String displayName(Path file) {
    return workingDirectory
        .filter(dir -> file.startsWith(dir))
        .map(dir -> dir.relativize(file).toString())
        .orElse(file.toString());
  }

  /** A value given by a command-line flag. */
  public record FlagValue(String flagName, String value) {}

  public static ConfigSources none() {
    return new ConfigSources(Optional.empty(), Optional.empty(), false, Map.of(), Map.of());
  }

  public ConfigSources withFlag(String key, String flagName, String value) {
    var all = new java.util.HashMap<>(flags);
    all.put(key, new FlagValue(flagName, value));
    return new ConfigSources(
        userFile, projectFile, projectFileRequired, env, all, workingDirectory);
  }
}
