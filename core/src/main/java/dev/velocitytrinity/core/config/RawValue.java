package dev.velocitytrinity.core.config;

import java.util.List;
import java.util.Objects;

/** A setting's value as written (text, or a list of texts) and where it was written. */
record RawValue(String key, Object text, ConfigOrigin origin) {

  RawValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(origin, "origin");
    if (!(text instanceof String) && !(text instanceof List<?>)) {
      throw new IllegalArgumentException("text must be a String or a List");
    }
  }
}
