package dev.velocitytrinity.livepatch.cli.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import jakarta.validation.constraints.Pattern;

/** The livepatch CLI's settings; field initialisers are the defaults. */
public final class LivePatchConfig {

  public static final ConfigSchema<LivePatchConfig> SCHEMA =
      ConfigSchema.of("livepatch", LivePatchConfig.class);

  @Doc("The agent to sync with.")
  Agent agent = new Agent();

  public Agent agent() {
    return agent;
  }

  /** The {@code agent.*} settings. */
  public static final class Agent {
    @Doc("Agent address as host:port.")
    @Pattern(regexp = "^$|^[^\\s:]+:\\d{1,5}$", message = "must be host:port")
    String address = "";

    public String address() {
      return address;
    }
  }
}
