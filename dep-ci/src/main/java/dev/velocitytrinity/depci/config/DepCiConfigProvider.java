package dev.velocitytrinity.depci.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.ConfigSchemaProvider;

/** Publishes the dep-ci settings registry to the docs generator. */
public final class DepCiConfigProvider implements ConfigSchemaProvider {
  @Override
  public ConfigSchema<?> schema() {
    return DepCiConfig.SCHEMA;
  }
}
