package dev.velocitytrinity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.core.config.ConfigLoader;
import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.ConfigSchemaProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Every tool's defaults satisfy its own constraints. The config loader relies on this to skip
 * validation (and Hibernate Validator's start-up cost) when only defaults are in play.
 */
class ToolDefaultsTest {

  private static List<ConfigSchema<?>> schemas() {
    return ServiceLoader.load(ConfigSchemaProvider.class).stream()
        .<ConfigSchema<?>>map(p -> p.get().schema())
        .toList();
  }

  @Test
  void schemas_everyToolPublishesOne() {
    assertThat(schemas())
        .extracting(ConfigSchema::tool)
        .containsExactlyInAnyOrder("dep-ci", "livepatch", "livepatch-agent", "quantum");
  }

  @Test
  void checkDefaults_everyTool_hasNoProblems() {
    ConfigLoader loader = new ConfigLoader();
    for (ConfigSchema<?> schema : schemas()) {
      assertThat(loader.checkDefaults(schema)).as(schema.tool()).isEmpty();
    }
  }
}
