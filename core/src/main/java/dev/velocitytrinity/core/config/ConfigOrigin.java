package dev.velocitytrinity.core.config;

import java.util.Objects;

/**
 * Where exactly a value came from, in the form people paste into an editor: {@code dep-ci.yml:7:3},
 * {@code env DEP_CI_ANALYZE_WORKERS}, {@code flag --workers} or {@code default}.
 */
public record ConfigOrigin(ConfigSource source, String location) {

  public ConfigOrigin {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
  }

  public static ConfigOrigin defaults() {
    return new ConfigOrigin(ConfigSource.DEFAULT, "default");
  }

  public static ConfigOrigin file(ConfigSource source, String file, int line, int column) {
    return new ConfigOrigin(source, file + ":" + line + ":" + column);
  }

  public static ConfigOrigin env(String name) {
    return new ConfigOrigin(ConfigSource.ENV, "env " + name);
  }

  public static ConfigOrigin flag(String name) {
    return new ConfigOrigin(ConfigSource.FLAG, "flag " + name);
  }

  @Override
  public String toString() {
    return location;
  }
}
