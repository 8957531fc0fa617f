package dev.velocitytrinity.quantum.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.ConfigSchemaProvider;

/** Publishes the quantum settings registry to the docs generator. */
public final class QuantumConfigProvider implements ConfigSchemaProvider {
  @Override
  public ConfigSchema<?> schema() {
    return QuantumConfig.SCHEMA;
  }
}
