package dev.velocitytrinity.core.config;

import java.util.Objects;

/** A resolved setting: its value as shown to people (secrets masked) and where it came from. */
public record ConfigValue(Setting setting, String displayValue, ConfigOrigin origin) {

  public ConfigValue {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(displayValue, "displayValue");
    Objects.requireNonNull(origin, "origin");
  }
}
