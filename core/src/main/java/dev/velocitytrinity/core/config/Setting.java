package dev.velocitytrinity.core.config;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;

/**
 * One leaf setting of a tool's config: its dotted YAML key, the environment variable that sets it,
 * its type, its default and its documentation.
 *
 * @param key dotted YAML key, e.g. {@code analyze.workers}
 * @param envVar environment variable, e.g. {@code DEP_CI_ANALYZE_WORKERS}
 * @param type the Java type of the value
 * @param defaultValue the default as shown to people ({@code ****} for secrets)
 * @param doc one-line description
 * @param path the fields from the config root down to this setting
 */
public record Setting(
    String key, String envVar, Class<?> type, String defaultValue, String doc, List<Field> path) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(envVar, "envVar");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    path = List.copyOf(path);
  }

  public boolean isSecret() {
    return type == Secret.class;
  }

  /** A short name of the type for people: {@code integer}, {@code list of strings}, ... */
  public String typeName() {
    return ValueConverter.describe(type);
  }
}
