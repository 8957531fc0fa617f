package dev.velocitytrinity.core.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.HibernateValidator;

/**
 * Resolves a tool's config from its sources (see {@link ConfigSource} for precedence), converts
 * each value to its type and validates the result with Hibernate Validator. Every problem is
 * reported at once, located in the file, variable or flag that caused it, and never with a secret's
 * value.
 */
public final class ConfigLoader {

  // Bootstrapping Hibernate Validator costs a CLI's start-up tens of milliseconds, so it is built
  // only when a value other than a default needs checking (defaults are checked by tests), and
  // once per loader: a daemon serving many runs keeps one loader.
  private Validator validator;

  public ConfigLoader() {}

  private synchronized Validator validator() {
    if (validator == null) {
      // No Expression Language implementation at run time: see BoundsMessageInterpolator.
      ValidatorFactory factory =
          Validation.byProvider(HibernateValidator.class)
              .configure()
              .ignoreXmlConfiguration()
              .messageInterpolator(new BoundsMessageInterpolator())
              .traversableResolver(new EveryPropertyReachable())
              .buildValidatorFactory();
      validator = factory.getValidator();
    }
    return validator;
  }

  /**
   * Validates the schema's defaults: every tool's tests call this, which is what lets {@link #load}
   * skip validation when nothing but defaults is in play.
   */
  public <T> List<ConfigProblem> checkDefaults(ConfigSchema<T> schema) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, ConfigOrigin> origins = new LinkedHashMap<>();
    schema.settings().forEach(s -> origins.put(s.key(), ConfigOrigin.defaults()));
    validate(schema, schema.newDefaults(), origins, problems);
    return problems;
  }

  public <T> LoadedConfig<T> load(ConfigSchema<T> schema, ConfigSources sources) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, ConfigOrigin> origins = new LinkedHashMap<>();
    T bean = schema.newDefaults();
    for (Setting s : schema.settings()) {
      values.put(s.key(), read(bean, s));
      origins.put(s.key(), ConfigOrigin.defaults());
    }

    YamlConfigReader reader = new YamlConfigReader(schema);
    applyFile(
        schema,
        reader,
        sources,
        sources.userFile(),
        ConfigSource.USER_FILE,
        false,
        values,
        origins,
        problems);
    applyFile(
        schema,
        reader,
        sources,
        sources.projectFile(),
        ConfigSource.PROJECT_FILE,
        sources.projectFileRequired(),
        values,
        origins,
        problems);
    for (Setting s : schema.settings()) {
      String text = sources.env().get(s.envVar());
      if (text != null) {
        convertInto(s, text, ConfigOrigin.env(s.envVar()), values, origins, problems);
      }
    }
    sources
        .flags()
        .forEach(
            (key, flag) -> {
              Setting s =
                  schema
                      .find(key)
                      .orElseThrow(() -> new IllegalArgumentException("no setting " + key));
              convertInto(
                  s, flag.value(), ConfigOrigin.flag(flag.flagName()), values, origins, problems);
            });
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }

    for (Setting s : schema.settings()) {
      write(bean, s, values.get(s.key()));
    }
    boolean onlyDefaults =
        origins.values().stream().allMatch(o -> o.source() == ConfigSource.DEFAULT);
    if (!onlyDefaults) {
      validate(schema, bean, origins, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }

    List<ConfigValue> shown = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    for (Setting s : schema.settings()) {
      Object v = values.get(s.key());
      shown.add(new ConfigValue(s, ValueConverter.display(v), origins.get(s.key())));
      if (v instanceof Secret secret && !secret.isEmpty()) {
        secrets.add(secret.reveal());
      }
    }
    return new LoadedConfig<>(bean, shown, secrets);
  }

  /** Every secret value among the raw sources, even when loading fails, for the scrubber. */
  public static List<String> secretValuesIn(ConfigSchema<?> schema, ConfigSources sources) {
    List<String> out = new ArrayList<>();
    for (Setting s : schema.settings()) {
      if (s.isSecret() && sources.env().containsKey(s.envVar())) {
        out.add(sources.env().get(s.envVar()));
      }
    }
    return out;
  }

  private <T> void applyFile(
      ConfigSchema<T> schema,
      YamlConfigReader reader,
      ConfigSources sources,
      Optional<Path> file,
      ConfigSource source,
      boolean required,
      Map<String, Object> values,
      Map<String, ConfigOrigin> origins,
      List<ConfigProblem> problems) {
    if (file.isEmpty()) {
      return;
    }
    Path path = file.get();
    if (!required && !Files.exists(path)) {
      return;
    }
    for (RawValue raw : reader.read(path, sources.displayName(path), source, problems)) {
      Setting s = schema.find(raw.key()).orElseThrow();
      if (raw.text() instanceof List<?> list) {
        values.put(s.key(), List.copyOf(list));
        origins.put(s.key(), raw.origin());
      } else {
        convertInto(s, (String) raw.text(), raw.origin(), values, origins, problems);
      }
    }
  }

  private static void convertInto(
      Setting s,
      String text,
      ConfigOrigin origin,
      Map<String, Object> values,
      Map<String, ConfigOrigin> origins,
      List<ConfigProblem> problems) {
    try {
      values.put(s.key(), ValueConverter.convert(text, s.type()));
      origins.put(s.key(), origin);
    } catch (IllegalArgumentException e) {
      String got = s.isSecret() ? "" : ", got \"" + text + "\"";
      problems.add(new ConfigProblem(origin, s.key() + ": " + e.getMessage() + got));
    }
  }

  private <T> void validate(
      ConfigSchema<T> schema,
      T bean,
      Map<String, ConfigOrigin> origins,
      List<ConfigProblem> problems) {
    List<ConstraintViolation<Object>> violations = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    collectViolations(bean, "", violations, prefixes);
    for (int i = 0; i < violations.size(); i++) {
      ConstraintViolation<Object> v = violations.get(i);
      String key = prefixes.get(i) + v.getPropertyPath().toString();
      ConfigOrigin origin =
          origins.getOrDefault(key, new ConfigOrigin(ConfigSource.DEFAULT, schema.tool()));
      problems.add(new ConfigProblem(origin, key + " " + v.getMessage()));
    }
    problems.sort(Comparator.comparing(ConfigProblem::format));
  }

  // Each group bean is validated on its own, so config classes need no @Valid on their groups.
  private void collectViolations(
      Object bean, String prefix, List<ConstraintViolation<Object>> out, List<String> prefixes) {
    for (ConstraintViolation<Object> v : validator().validate(bean)) {
      out.add(v);
      prefixes.add(prefix);
    }
    for (Field f : bean.getClass().getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers())
          || ValueConverter.isLeafType(f.getType())) {
        continue;
      }
      try {
        f.setAccessible(true);
        Object group = f.get(bean);
        if (group != null) {
          collectViolations(group, prefix + f.getName() + ".", out, prefixes);
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Object read(Object root, Setting s) {
    try {
      Object target = root;
      for (Field f : s.path()) {
        target = f.get(target);
        if (target == null) {
          return null;
        }
      }
      return target;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Object root, Setting s, Object value) {
    try {
      Object target = root;
      List<Field> path = s.path();
      for (Field f : path.subList(0, path.size() - 1)) {
        Object next = f.get(target);
        if (next == null) {
          next = ConfigSchema.instantiate(f.getType());
          f.set(target, next);
        }
        target = next;
      }
      Field leaf = path.get(path.size() - 1);
      if (value == null && leaf.getType().isPrimitive()) {
        return;
      }
      leaf.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Config beans have no lazily loaded properties. The default resolver asks Jakarta Persistence,
   * and finding it absent is a failed class lookup through every jar of the class path.
   */
  private static final class EveryPropertyReachable implements TraversableResolver {
    @Override
    public boolean isReachable(
        Object bean,
        jakarta.validation.Path.Node property,
        Class<?> rootBeanType,
        jakarta.validation.Path pathToProperty,
        ElementType elementType) {
      return true;
    }

    @Override
    public boolean isCascadable(
        Object bean,
        jakarta.validation.Path.Node property,
        Class<?> rootBeanType,
        jakarta.validation.Path pathToProperty,
        ElementType elementType) {
      return true;
    }
  }
}
