package dev.velocitytrinity.quantum.sim;

import dev.velocitytrinity.quantum.queue.Strategy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The simulator's text output: timelines, then one table with a row per strategy. */
public final class TextReport {

  private TextReport() {}

  public static String label(SimulationReport r) {
    return switch (r.strategy()) {
      case SERIAL -> "serial";
      case SPECULATIVE -> "speculative k=" + r.depth();
      case BATCH -> "batch b=" + r.batchSize();
    };
  }

  public static void timeline(PrintWriter out, SimulationReport r) {
    out.printf(Locale.ROOT, "%s: %d PRs (virtual time since the first PR)%n", label(r), r.prs());
    for (SimulationReport.TimelineLine line : r.timeline()) {
      long s = line.atMillis() / 1000;
      out.printf(Locale.ROOT, "  %d:%02d:%02d  %s%n", s / 3600, (s / 60) % 60, s % 60, line.text());
    }
    out.println();
  }

  public static void table(PrintWriter out, List<SimulationReport> reports) {
    out.printf(
        Locale.ROOT,
        "%-16s %6s %7s %9s %8s %9s %8s %13s %8s %7s %7s%n",
        "strategy",
        "merged",
        "ejected",
        "PRs/hour",
        "(model)",
        "mean TTM",
        "p95 TTM",
        "build-min/PR",
        "(model)",
        "builds",
        "wasted");
    for (SimulationReport r : reports) {
      String model = format(r.modelThroughputPerHour(), "%.1f");
      String buildModel =
          r.modelBuildMinutesPerMerged().isPresent()
              ? minutes(r.modelBuildMinutesPerMerged().getAsDouble())
              : "-";
      out.printf(
          Locale.ROOT,
          "%-16s %6d %7d %9.1f %8s %9s %8s %13s %8s %7d %7d%n",
          label(r),
          r.merged(),
          r.ejected(),
          r.throughputPerHour(),
          model,
          minutes(r.meanTimeToMergeMinutes()),
          minutes(r.p95TimeToMergeMinutes()),
          minutes(r.buildMinutesPerMerged()),
          buildModel,
          r.buildsStarted(),
          r.wastedBuilds());
    }
    out.println(
        "(model): steady-state expectation for a long, saturated queue;"
            + " short runs differ (docs/quantum-merge.md)");
    SimulationReport serial = find(reports, Strategy.SERIAL);
    SimulationReport speculative = find(reports, Strategy.SPECULATIVE);
    if (serial != null && speculative != null && serial.throughputPerHour() > 0) {
      out.printf(
          Locale.ROOT,
          "speculative/serial throughput: %.1fx%n",
          speculative.throughputPerHour() / serial.throughputPerHour());
    }
  }

  /** A duration given in minutes, in the unit that reads best: 42s, 21.7m, 42.2h. */
  static String minutes(double minutes) {
    if (minutes < 1) {
      return String.format(Locale.ROOT, "%.0fs", minutes * 60);
    }
    if (minutes < 120) {
      return String.format(Locale.ROOT, "%.1fm", minutes);
    }
    return String.format(Locale.ROOT, "%.1fh", minutes / 60);
  }

  private static String format(java.util.OptionalDouble value, String pattern) {
    return value.isPresent() ? String.format(Locale.ROOT, pattern, value.getAsDouble()) : "-";
  }

  private static SimulationReport find(List<SimulationReport> reports, Strategy strategy) {
    return reports.stream().filter(r -> r.strategy() == strategy).findFirst().orElse(null);
  }
}
