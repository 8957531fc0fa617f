package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.quantum.config.QuantumConfig;
import dev.velocitytrinity.quantum.store.RedisConnection;
import dev.velocitytrinity.quantum.store.RedisConnector;
import dev.velocitytrinity.quantum.store.RedisSettings;
import dev.velocitytrinity.quantum.store.StoreException;

/**
 * Finds Redis for a command: the {@code redis.url} setting, else the plain {@code REDIS_URL}
 * variable, else an embedded redis-server. Maps failures to exit codes: a malformed URL is a usage
 * error (2), an unreachable server is unavailable (3).
 */
final class RedisAccess {

  private RedisAccess() {}

  static RedisSettings settings(CliContext context) {
    QuantumConfig config = context.config(QuantumConfig.class);
    String url = config.redis().url();
    String source = "redis.url";
    if (url == null || url.isBlank()) {
      url = context.environment().env().getOrDefault("REDIS_URL", "");
      source = "REDIS_URL";
    }
    try {
      return RedisSettings.of(url, config.redis().password())
          .withCaFile(java.util.Optional.ofNullable(config.redis().caFile()).map(context::resolve));
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(e.getMessage() + " (from " + source + ")");
    }
  }

  static RedisConnection connect(CliContext context) {
    RedisSettings settings = settings(context);
    try {
      return RedisConnector.connect(settings);
    } catch (StoreException.Unavailable e) {
      throw new CommandException.Unavailable(e.getMessage(), null);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(e.getMessage());
    }
  }
}
