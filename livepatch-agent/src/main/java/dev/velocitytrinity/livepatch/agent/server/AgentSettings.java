package dev.velocitytrinity.livepatch.agent.server;

import dev.velocitytrinity.livepatch.agent.apply.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How the agent serves.
 *
 * @param allow client names allowed to sync; empty allows every certificate the CA issued
 * @param denyList file of revoked client names, one per line, re-read on every call
 * @param lockTimeout how long a sync waits for another one on the same root
 * @param keepHistory applied change sets whose previous versions are kept
 */
public record AgentSettings(
    Limits limits,
    Set<String> allow,
    Optional<Path> denyList,
    Duration lockTimeout,
    int keepHistory) {

  public AgentSettings {
    allow = Set.copyOf(allow);
    if (keepHistory < 1) {
      throw new IllegalArgumentException("keepHistory must be at least 1");
    }
  }

  public static AgentSettings defaults() {
    return new AgentSettings(
        Limits.defaults(), Set.of(), Optional.empty(), Duration.ofSeconds(30), 10);
  }

  public AgentSettings withLimits(Limits newLimits) {
    return new AgentSettings(newLimits, allow, denyList, lockTimeout, keepHistory);
  }

  public AgentSettings withAllow(Set<String> names) {
    return new AgentSettings(limits, names, denyList, lockTimeout, keepHistory);
  }

  public AgentSettings withDenyList(Optional<Path> file) {
    return new AgentSettings(limits, allow, file, lockTimeout, keepHistory);
  }
}
