package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.cli.ExitHook;
import dev.velocitytrinity.quantum.config.QuantumConfig;
import dev.velocitytrinity.quantum.queue.Planner;
import dev.velocitytrinity.quantum.scheduler.Scheduler;
import dev.velocitytrinity.quantum.server.ApiServer;
import dev.velocitytrinity.quantum.server.QueueService;
import dev.velocitytrinity.quantum.store.RedisBuildJobs;
import dev.velocitytrinity.quantum.store.RedisConnection;
import dev.velocitytrinity.quantum.store.RedisKeys;
import dev.velocitytrinity.quantum.store.RedisLeaderLease;
import dev.velocitytrinity.quantum.store.RedisQueueStore;
import dev.velocitytrinity.quantum.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quantum serve}: the scheduler loop plus the HTTP API. */
@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = "Run the scheduler (while it holds the Redis lease) and the HTTP API.")
final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  private static final Duration IDLE = Duration.ofMillis(500);
  private static final int EMBEDDED_REDIS_ATTEMPTS = 3;

  private final CliContext context;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Where the API listens (setting server.listen).")
  String listen;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "This scheduler's name in the lease (default: host-pid).")
  String name;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    if (listen != null) {
      context.setFromFlag("server.listen", "--listen", listen);
    }
    QuantumConfig config = context.config(QuantumConfig.class);
    InetSocketAddress address = Addresses.parse(config.server().listen());
    String owner = name != null ? name : Addresses.processName();
    Clock clock = Clock.systemUTC();
    Planner planner = new Planner(clock);
    ExecutorService http = Executors.newFixedThreadPool(4);
    try (RedisConnection connection = RedisAccess.connect(context)) {
      RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
      RedisQueueStore store = new RedisQueueStore(connection, keys, clock);
      RedisBuildJobs jobs = new RedisBuildJobs(connection, keys);
      jobs.ensureGroups();
      Scheduler scheduler =
          new Scheduler(
              store,
              jobs,
              new RedisLeaderLease(connection, keys, owner, config.server().leaseTtl()),
              planner,
              Policies.fromConfig(config),
              config.worker().reclaimAfter());
      QueueService service = new QueueService(store, planner, Policies.fromConfig(config));
      ApiServer api;
      try {
        api = new ApiServer(service, connection::ping, address, http);
      } catch (IOException e) {
        throw new CommandException.Unavailable(
            "cannot listen on " + config.server().listen() + ": " + e.getMessage(), null);
      }
      api.start();
      context
          .out()
          .printf(
              "listening on http://%s:%d (redis: %s)%n",
              api.address().getHostString(), api.address().getPort(), connection.display());
      context.out().flush();
      try (ExitHook hook = ShutdownHook.interruptOnExit()) {
        return loop(scheduler, connection.embeddedUrl().isPresent());
      } finally {
        api.close();
        try {
          scheduler.stepDown();
        } catch (StoreException e) {
          LOG.debug("could not give the lease up: {}", e.getMessage());
        }
      }
    } finally {
      http.shutdownNow();
    }
  }

  private int loop(Scheduler scheduler, boolean embeddedRedis) {
    boolean leading = false;
    int unavailable = 0;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        boolean nowLeading = scheduler.runOnce(Duration.ofSeconds(1)).isPresent();
        unavailable = 0;
        if (nowLeading != leading) {
          LOG.info(nowLeading ? "leading the scheduler" : "another scheduler leads; standing by");
          leading = nowLeading;
        }
        if (!nowLeading) {
          Thread.sleep(IDLE.toMillis());
        }
      } catch (StoreException.Unavailable e) {
        if (embeddedRedis) {
          // The embedded server is a child on loopback: unreachable means it exited, taking the
          // queues with it (it keeps nothing on disk). Ctrl-C stops it too, a moment before this
          // thread is interrupted: waiting first keeps a normal stop quiet.
          if (!pause()) {
            break;
          }
          if (++unavailable >= EMBEDDED_REDIS_ATTEMPTS) {
            throw new CommandException.Unavailable(
                "the embedded redis-server stopped, and the queue state it held is gone;"
                    + " restart quantum serve, or set REDIS_URL to a Redis that keeps its data",
                e);
          }
          continue;
        }
        LOG.warn("{}; retrying", e.getMessage());
        if (!pause()) {
          break;
        }
      } catch (StoreException.Fenced e) {
        LOG.warn("{}", e.getMessage());
        leading = false;
      } catch (StoreException.Contended e) {
        // The result stays unacknowledged and is applied again next round.
        LOG.warn("{}; retrying", e.getMessage());
      } catch (InterruptedException e) {
        break;
      }
    }
    return ExitCode.INTERRUPTED;
  }

  private static boolean pause() {
    try {
      Thread.sleep(IDLE.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
