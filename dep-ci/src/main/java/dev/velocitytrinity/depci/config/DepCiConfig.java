package dev.velocitytrinity.depci.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import org.hibernate.validator.constraints.Range;

/** dep-ci's settings; field initialisers are the defaults. */
public final class DepCiConfig {

  public static final ConfigSchema<DepCiConfig> SCHEMA =
      ConfigSchema.of("dep-ci", DepCiConfig.class);

  @Doc("Import analysis.")
  Analyze analyze = new Analyze();

  public Analyze analyze() {
    return analyze;
  }

  /** The {@code analyze.*} settings. */
  public static final class Analyze {
    @Doc("Parser threads; 0 means one per CPU core.")
    @Range(min = 0, max = 256)
    int workers = 0;

    public int workers() {
      return workers;
    }
  }
}
