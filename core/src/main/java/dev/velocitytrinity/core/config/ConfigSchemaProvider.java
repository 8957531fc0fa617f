package dev.velocitytrinity.core.config;

/**
 * Lets build tooling find every tool's settings registry (via {@link java.util.ServiceLoader}) to
 * generate docs/config.md.
 */
public interface ConfigSchemaProvider {
  ConfigSchema<?> schema();
}
