package dev.velocitytrinity.livepatch.agent.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.ConfigSchemaProvider;

/** Publishes the livepatch-agent settings registry to the docs generator. */
public final class AgentConfigProvider implements ConfigSchemaProvider {
  @Override
  public ConfigSchema<?> schema() {
    return AgentConfig.SCHEMA;
  }
}
