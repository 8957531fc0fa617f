package dev.velocitytrinity.livepatch.agent.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import jakarta.validation.constraints.Pattern;

/** The agent's settings; field initialisers are the defaults. */
public final class AgentConfig {

  public static final ConfigSchema<AgentConfig> SCHEMA =
      ConfigSchema.of("livepatch-agent", AgentConfig.class);

  @Doc("Address to listen on, [host]:port.")
  @Pattern(regexp = "^[^\\s]*:\\d{1,5}$", message = "must be [host]:port")
  String listen = ":7443";

  public String listen() {
    return listen;
  }
}
