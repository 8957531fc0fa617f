package dev.velocitytrinity.quantum.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import dev.velocitytrinity.core.config.Secret;
import org.hibernate.validator.constraints.Range;

/** Quantum Merge's settings; field initialisers are the defaults. */
public final class QuantumConfig {

  public static final ConfigSchema<QuantumConfig> SCHEMA =
      ConfigSchema.of("quantum", QuantumConfig.class);

  @Doc("The Redis server that holds the queue state.")
  Redis redis = new Redis();

  @Doc("Queue behaviour.")
  Queue queue = new Queue();

  public Redis redis() {
    return redis;
  }

  public Queue queue() {
    return queue;
  }

  /** The {@code redis.*} settings. */
  public static final class Redis {
    @Doc("redis:// or rediss:// URL; empty starts an embedded redis-server on a free local port.")
    @jakarta.validation.constraints.Pattern(
        regexp = "^$|^rediss?://.+",
        message = "must be a redis:// or rediss:// URL")
    String url = "";

    @Doc("Password for the Redis server (AUTH).")
    Secret password;

    public String url() {
      return url;
    }

    public Secret password() {
      return password;
    }
  }

  /** The {@code queue.*} settings. */
  public static final class Queue {
    @Doc("How many builds may run ahead speculatively (the free tier is 1).")
    @Range(min = 1, max = 64)
    int speculationDepth = 1;

    public int speculationDepth() {
      return speculationDepth;
    }
  }
}
