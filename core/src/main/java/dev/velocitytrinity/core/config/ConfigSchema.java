package dev.velocitytrinity.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry of one tool's settings, derived once from its config bean: every non-static field is
 * a setting (leaf types) or a group (a nested bean). The bean's field initialisers are the defaults
 * and {@link Doc} annotations the documentation, so code, {@code config show} and docs/config.md
 * cannot drift apart.
 *
 * @param <T> the tool's config bean, a class with a no-argument constructor
 */
public final class ConfigSchema<T> {

  private final String tool;
  private final Class<T> type;
  private final String envPrefix;
  private final List<Setting> settings;

  private ConfigSchema(String tool, Class<T> type, String envPrefix) {
    this.tool = tool;
    this.type = type;
    this.envPrefix = envPrefix;
    List<Setting> found = new ArrayList<>();
    collect(type, instantiate(type), "", new ArrayList<>(), found);
    this.settings = List.copyOf(found);
  }

  /**
   * @param tool the tool's command name, e.g. {@code dep-ci}; its project file is {@code
   *     <tool>.yml} and its environment variables start with the upper-cased name
   */
  public static <T> ConfigSchema<T> of(String tool, Class<T> type) {
    Objects.requireNonNull(tool, "tool");
    String prefix = tool.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    return new ConfigSchema<>(tool, type, prefix);
  }

  public String tool() {
    return tool;
  }

  public Class<T> type() {
    return type;
  }

  public String projectFileName() {
    return tool + ".yml";
  }

  public List<Setting> settings() {
    return settings;
  }

  public Optional<Setting> find(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** True when {@code key} names a group of settings (a prefix of some setting's key). */
  public boolean isGroup(String key) {
    String prefix = key + ".";
    return settings.stream().anyMatch(s -> s.key().startsWith(prefix));
  }

  T newDefaults() {
    return instantiate(type);
  }

  static <X> X instantiate(Class<X> type) {
    try {
      Constructor<X> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          type.getName() + " needs a no-argument constructor to be a config bean", e);
    }
  }

  private void collect(
      Class<?> beanType, Object defaults, String prefix, List<Field> path, List<Setting> out) {
    for (Field field : beanType.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
        continue;
      }
      field.setAccessible(true);
      String key = prefix + field.getName();
      List<Field> fieldPath = new ArrayList<>(path);
      fieldPath.add(field);
      Object defaultValue;
      try {
        defaultValue = field.get(defaults);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      Doc doc = field.getAnnotation(Doc.class);
      if (ValueConverter.isLeafType(field.getType())) {
        out.add(
            new Setting(
                key,
                envPrefix + envName(key),
                field.getType(),
                ValueConverter.display(defaultValue),
                doc == null ? "" : doc.value(),
                fieldPath));
      } else {
        Object groupDefaults = defaultValue != null ? defaultValue : instantiate(field.getType());
        collect(field.getType(), groupDefaults, key + ".", fieldPath, out);
      }
    }
  }

  /** {@code queue.speculationDepth} becomes {@code QUEUE_SPECULATION_DEPTH}. */
  static String envName(String key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.' || c == '-') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }
}
