package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.cli.ExitHook;
import dev.velocitytrinity.quantum.config.QuantumConfig;
import dev.velocitytrinity.quantum.executor.BuildExecutor;
import dev.velocitytrinity.quantum.executor.BuildOutcome;
import dev.velocitytrinity.quantum.executor.CommandExecutor;
import dev.velocitytrinity.quantum.executor.SimulatedExecutor;
import dev.velocitytrinity.quantum.executor.Sleeper;
import dev.velocitytrinity.quantum.executor.Worker;
import dev.velocitytrinity.quantum.store.RedisBuildJobs;
import dev.velocitytrinity.quantum.store.RedisConnection;
import dev.velocitytrinity.quantum.store.RedisKeys;
import dev.velocitytrinity.quantum.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quantum worker}: takes build jobs from Redis and runs them. */
@Command(
    mixinStandardHelpOptions = true,
    name = "worker",
    description = "Take build jobs from Redis and run them.")
final class WorkerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

  private final CliContext context;

  @Option(names = "--name", paramLabel = "NAME", description = "Consumer name (default: host-pid).")
  String name;

  @Option(
      names = "--executor",
      paramLabel = "KIND",
      description = "simulated or command (setting worker.executor).")
  String executor;

  @Option(
      names = "--command",
      paramLabel = "CMD",
      description = "Shell command per build (setting worker.command).")
  String command;

  @Option(names = "--once", description = "Run one job (waiting up to 5 s) and exit.")
  boolean once;

  WorkerCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (executor != null) {
      context.setFromFlag("worker.executor", "--executor", executor);
    }
    if (command != null) {
      context.setFromFlag("worker.command", "--command", command);
    }
    QuantumConfig config = context.config(QuantumConfig.class);
    String consumer = name != null ? name : Addresses.processName();
    Clock clock = Clock.systemUTC();
    BuildExecutor buildExecutor = executor(config, clock);
    try (RedisConnection connection = RedisAccess.connect(context)) {
      RedisBuildJobs jobs =
          new RedisBuildJobs(connection, new RedisKeys(config.redis().keyPrefix()));
      jobs.ensureGroups();
      Worker worker =
          new Worker(
              jobs,
              buildExecutor,
              consumer,
              config.worker().reclaimAfter(),
              config.worker().heartbeat(),
              clock);
      if (once) {
        return runOnce(worker);
      }
      context.err().printf("worker %s taking jobs from %s%n", consumer, connection.display());
      context.err().flush();
      try (ExitHook hook = ShutdownHook.interruptOnExit()) {
        return loop(worker);
      }
    } catch (StoreException.Unavailable e) {
      throw new CommandException.Unavailable(e.getMessage(), null);
    }
  }

  private static int loop(Worker worker) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        worker.runOnce(Duration.ofSeconds(1));
      } catch (StoreException.Unavailable e) {
        LOG.warn("{}; retrying", e.getMessage());
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          break;
        }
      } catch (InterruptedException e) {
        break;
      }
    }
    return ExitCode.INTERRUPTED;
  }

  private int runOnce(Worker worker) {
    Optional<Worker.Done> done;
    try {
      done = worker.runOnce(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      return ExitCode.INTERRUPTED;
    }
    if (done.isEmpty()) {
      throw new CommandException.Unavailable("no build job arrived within 5 s", null);
    }
    Worker.Done d = done.get();
    String status = d.status().name().toLowerCase(java.util.Locale.ROOT);
    context.out().printf("build %d of %s %s%n", d.job().buildId(), d.job().queue(), status);
    return d.status() == BuildOutcome.Status.FAILED ? ExitCode.FAILED : ExitCode.OK;
  }

  private BuildExecutor executor(QuantumConfig config, Clock clock) {
    QuantumConfig.Worker w = config.worker();
    if (w.executor() == QuantumConfig.ExecutorKind.COMMAND) {
      if (w.command().isBlank()) {
        throw new CommandException.Usage(
            "the command executor needs a command: --command CMD or the setting worker.command");
      }
      Map<String, String> env = new HashMap<>();
      for (String keep : new String[] {"PATH", "HOME", "LANG", "TMPDIR"}) {
        String value = context.environment().env().get(keep);
        if (value != null) {
          env.put(keep, value);
        }
      }
      return new CommandExecutor(
          w.command(),
          context.environment().workingDirectory(),
          w.buildTimeout(),
          env,
          context.scrubber(),
          clock);
    }
    return new SimulatedExecutor(
        System.nanoTime(), w.simulatedBuildTime(), 0.2, w.simulatedFailure(), Sleeper.real());
  }
}
