package dev.velocitytrinity.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A validated config and the provenance of every setting.
 *
 * @param value the config bean
 * @param values every setting with its shown value and origin, in registry order
 * @param secretValues the revealed values of secret settings, for the log scrubber only
 */
public record LoadedConfig<T>(T value, List<ConfigValue> values, List<String> secretValues) {

  public LoadedConfig {
    Objects.requireNonNull(value, "value");
    values = List.copyOf(values);
    secretValues = List.copyOf(secretValues);
  }
}
