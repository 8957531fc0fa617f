package dev.velocitytrinity.quantum.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import dev.velocitytrinity.core.config.Secret;
import dev.velocitytrinity.quantum.queue.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.Range;

/** Quantum Merge's settings; field initialisers are the defaults. */
public final class QuantumConfig {

  public static final ConfigSchema<QuantumConfig> SCHEMA =
      ConfigSchema.of("quantum", QuantumConfig.class);

  @Doc("The Redis server that holds the queue state.")
  Redis redis = new Redis();

  @Doc("Queue behaviour.")
  Queue queue = new Queue();

  @Doc("The scheduler's HTTP API.")
  Server server = new Server();

  @Doc("Where the API clients (enqueue, dequeue, status) connect.")
  Client client = new Client();

  @Doc("Build workers.")
  Worker worker = new Worker();

  public Redis redis() {
    return redis;
  }

  public Queue queue() {
    return queue;
  }

  public Server server() {
    return server;
  }

  public Client client() {
    return client;
  }

  public Worker worker() {
    return worker;
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

    @Doc("PEM file of CA certificates to trust for rediss:// (default: the JVM's trust store).")
    Path caFile;

    @Doc("Prefix of every key Quantum Merge writes, so several installations can share a server.")
    @jakarta.validation.constraints.Pattern(
        regexp = "^[A-Za-z0-9._:-]{1,64}$",
        message = "must be 1-64 letters, digits or . _ : -")
    String keyPrefix = "qm:";

    public String url() {
      return url;
    }

    public String keyPrefix() {
      return keyPrefix;
    }

    public Secret password() {
      return password;
    }

    public Path caFile() {
      return caFile;
    }
  }

  /** The {@code queue.*} settings. */
  public static final class Queue {
    @Doc("How many builds may run ahead speculatively (the free tier is 1).")
    @Range(min = 1, max = 64)
    int speculationDepth = 1;

    @Doc("How new queues plan builds: SERIAL, SPECULATIVE or BATCH.")
    Strategy strategy = Strategy.SPECULATIVE;

    @Doc("PRs per batch build (BATCH strategy).")
    @Range(min = 1, max = 64)
    int batchSize = 4;

    @Doc("Build a failed head once more before ejecting it, in case the failure was flaky.")
    boolean retryOnce = true;

    @Doc("Let a later passing build vouch for entries ahead of it (see docs/quantum-merge.md).")
    boolean vouching = false;

    public int speculationDepth() {
      return speculationDepth;
    }

    public Strategy strategy() {
      return strategy;
    }

    public int batchSize() {
      return batchSize;
    }

    public boolean retryOnce() {
      return retryOnce;
    }

    public boolean vouching() {
      return vouching;
    }
  }

  /** The {@code server.*} settings. */
  public static final class Server {
    @Doc("HOST:PORT the HTTP API listens on; port 0 picks a free one.")
    @jakarta.validation.constraints.Pattern(
        regexp = "^[^:\\s]+:[0-9]{1,5}$",
        message = "must be HOST:PORT")
    String listen = "127.0.0.1:8420";

    @Doc("How long the scheduler lease lasts without renewal before another scheduler takes over.")
    Duration leaseTtl = Duration.ofSeconds(15);

    public String listen() {
      return listen;
    }

    public Duration leaseTtl() {
      return leaseTtl;
    }
  }

  /** The {@code client.*} settings. */
  public static final class Client {
    @Doc("Base URL of the quantum serve API.")
    @jakarta.validation.constraints.Pattern(
        regexp = "^https?://.+",
        message = "must be an http:// or https:// URL")
    String server = "http://127.0.0.1:8420";

    public String server() {
      return server;
    }
  }

  /** The {@code worker.*} settings. */
  public static final class Worker {
    @Doc("How builds run: SIMULATED or COMMAND.")
    ExecutorKind executor = ExecutorKind.SIMULATED;

    @Doc("Shell command a COMMAND worker runs per build; exit 0 passes.")
    String command = "";

    @Doc("A job whose worker stopped renewing its claim for this long is reclaimed.")
    Duration reclaimAfter = Duration.ofSeconds(60);

    @Doc("How often a running build renews its claim and checks for cancellation.")
    Duration heartbeat = Duration.ofSeconds(10);

    @Doc("A COMMAND build running longer than this fails.")
    Duration buildTimeout = Duration.ofHours(1);

    @Doc("Mean build time of a SIMULATED worker (±20%).")
    Duration simulatedBuildTime = Duration.ofSeconds(5);

    @Doc("Failure probability of a SIMULATED build.")
    @jakarta.validation.constraints.DecimalMin(value = "0.0", message = "must be between 0 and 1")
    @jakarta.validation.constraints.DecimalMax(value = "1.0", message = "must be between 0 and 1")
    double simulatedFailure = 0.1;

    public ExecutorKind executor() {
      return executor;
    }

    public String command() {
      return command;
    }

    public Duration reclaimAfter() {
      return reclaimAfter;
    }

    public Duration heartbeat() {
      return heartbeat;
    }

    public Duration buildTimeout() {
      return buildTimeout;
    }

    public Duration simulatedBuildTime() {
      return simulatedBuildTime;
    }

    public double simulatedFailure() {
      return simulatedFailure;
    }
  }

  /** Which executor a worker uses. */
  public enum ExecutorKind {
    SIMULATED,
    COMMAND
  }
}
