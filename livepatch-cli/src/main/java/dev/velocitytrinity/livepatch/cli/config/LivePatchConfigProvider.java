package dev.velocitytrinity.livepatch.cli.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.ConfigSchemaProvider;

/** Publishes the livepatch settings registry to the docs generator. */
public final class LivePatchConfigProvider implements ConfigSchemaProvider {
  @Override
  public ConfigSchema<?> schema() {
    return LivePatchConfig.SCHEMA;
  }
}
