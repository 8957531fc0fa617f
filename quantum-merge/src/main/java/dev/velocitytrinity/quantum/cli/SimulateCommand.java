package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.quantum.executor.Sleeper;
import dev.velocitytrinity.quantum.queue.Strategy;
import dev.velocitytrinity.quantum.sim.BuildTime;
import dev.velocitytrinity.quantum.sim.Simulation;
import dev.velocitytrinity.quantum.sim.SimulationParams;
import dev.velocitytrinity.quantum.sim.SimulationReport;
import dev.velocitytrinity.quantum.sim.TextReport;
import dev.velocitytrinity.quantum.store.RedisConnection;
import dev.velocitytrinity.quantum.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quantum simulate}: the discrete-event simulator. */
@Command(
    mixinStandardHelpOptions = true,
    name = "simulate",
    description = {
      "Simulate a merge queue on a virtual clock, driving the real planner and Redis store.",
      "Prints a timeline per strategy (up to 20 PRs) and a table: throughput, time to merge,",
      "build-minutes per merged PR, wasted builds, and the analytical model beside them."
    })
final class SimulateCommand implements Callable<Integer> {

  /** How the strategies are chosen on the command line. */
  enum StrategyChoice {
    serial,
    speculative,
    batch,
    all
  }

  private final CliContext context;

  @Option(
      names = "--prs",
      paramLabel = "N",
      description = "PRs to enqueue (default: ${DEFAULT-VALUE}).")
  int prs = 3;

  @Option(
      names = "--arrival-rate",
      paramLabel = "PER_HOUR",
      description = "Mean PR arrivals per hour, 0 = all at once (default: ${DEFAULT-VALUE}).")
  double arrivalRate = 60;

  @Option(
      names = "--build-time",
      paramLabel = "MEAN[±SPREAD%]",
      description = "Build time, e.g. 10m±20%% or 90s (default: ${DEFAULT-VALUE}).")
  String buildTime = "10m±20%";

  @Option(
      names = "--p-fail",
      paramLabel = "P",
      description = "Probability that a PR is broken (default: ${DEFAULT-VALUE}).")
  double pFail = 0.1;

  @Option(
      names = "--p-flaky",
      paramLabel = "P",
      description = "Probability that a build fails spuriously (default: ${DEFAULT-VALUE}).")
  double pFlaky = 0;

  @Option(
      names = "--executors",
      paramLabel = "N",
      description = "Build executors (default: ${DEFAULT-VALUE}).")
  int executors = 8;

  @Option(
      names = "--strategy",
      paramLabel = "S",
      description = "serial, speculative, batch or all (default: ${DEFAULT-VALUE}).")
  StrategyChoice strategy = StrategyChoice.all;

  @Option(
      names = "--depth",
      paramLabel = "K",
      description = "Speculation depth (default: ${DEFAULT-VALUE}).")
  int depth = 8;

  @Option(
      names = "--batch-size",
      paramLabel = "B",
      description = "PRs per batch build (default: ${DEFAULT-VALUE}).")
  int batchSize = 4;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--vouching", description = "Let a later passing build vouch for ones ahead.")
  boolean vouching;

  @Option(names = "--real-time", description = "Wait for real between events.")
  boolean realTime;

  @Option(
      names = "--timeline",
      negatable = true,
      description = "Print each run's timeline (default: on up to 20 PRs).")
  Boolean timeline;

  SimulateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    SimulationParams base = params();
    List<Strategy> strategies =
        strategy == StrategyChoice.all
            ? List.of(Strategy.SERIAL, Strategy.SPECULATIVE, Strategy.BATCH)
            : List.of(Strategy.valueOf(strategy.name().toUpperCase(java.util.Locale.ROOT)));
    boolean showTimeline = timeline != null ? timeline : prs <= 20;
    List<SimulationReport> reports = new ArrayList<>();
    int threads = Math.min(strategies.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (RedisConnection connection = RedisAccess.connect(context)) {
      Simulation simulation = new Simulation(connection, Sleeper.real());
      // Each strategy runs on its own keys and virtual clock, so the runs go side by side.
      List<Future<SimulationReport>> runs = new ArrayList<>();
      for (Strategy s : strategies) {
        runs.add(pool.submit(() -> simulation.run(base.withStrategy(s), realTime, showTimeline)));
      }
      for (Future<SimulationReport> run : runs) {
        reports.add(run.get());
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException.Unavailable unavailable) {
        throw new CommandException.Unavailable(unavailable.getMessage(), null);
      }
      throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    if (context.globals().json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("prs", prs);
      p.put("arrivalRatePerHour", arrivalRate);
      p.put("buildTime", BuildTime.parse(buildTime).toString());
      p.put("pFail", pFail);
      p.put("pFlaky", pFlaky);
      p.put("executors", executors);
      p.put("depth", depth);
      p.put("batchSize", batchSize);
      p.put("seed", seed);
      p.put("vouching", vouching);
      json.put("params", p);
      json.put("runs", reports.stream().map(SimulateCommand::toJson).toList());
      context.printJson(json);
    } else {
      if (showTimeline) {
        reports.forEach(r -> TextReport.timeline(context.out(), r));
      }
      TextReport.table(context.out(), reports);
    }
    return ExitCode.OK;
  }

  private SimulationParams params() {
    try {
      BuildTime time = BuildTime.parse(buildTime);
      return new SimulationParams(
          prs,
          arrivalRate,
          time.mean(),
          time.spread(),
          pFail,
          pFlaky,
          executors,
          Strategy.SPECULATIVE,
          depth,
          batchSize,
          seed,
          vouching);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(e.getMessage());
    }
  }

  private static Map<String, Object> toJson(SimulationReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", r.strategy().name().toLowerCase(java.util.Locale.ROOT));
    m.put("label", TextReport.label(r));
    m.put("merged", r.merged());
    m.put("ejected", r.ejected());
    m.put("throughputPerHour", round(r.throughputPerHour()));
    m.put(
        "modelThroughputPerHour",
        r.modelThroughputPerHour().isPresent()
            ? round(r.modelThroughputPerHour().getAsDouble())
            : null);
    m.put("meanTimeToMergeMinutes", round(r.meanTimeToMergeMinutes()));
    m.put("p95TimeToMergeMinutes", round(r.p95TimeToMergeMinutes()));
    m.put("buildMinutesPerMergedPr", round(r.buildMinutesPerMerged()));
    m.put(
        "modelBuildMinutesPerMergedPr",
        r.modelBuildMinutesPerMerged().isPresent()
            ? round(r.modelBuildMinutesPerMerged().getAsDouble())
            : null);
    m.put("buildsStarted", r.buildsStarted());
    m.put("wastedBuilds", r.wastedBuilds());
    m.put("virtualHours", round(r.virtualHours()));
    m.put("redisRoundTrips", r.redisRoundTrips());
    if (!r.timeline().isEmpty()) {
      m.put(
          "timeline",
          r.timeline().stream()
              .map(l -> Map.of("atSeconds", l.atMillis() / 1000.0, "event", l.text()))
              .toList());
    }
    return m;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
