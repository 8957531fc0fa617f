package dev.velocitytrinity.benchmarks.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.velocitytrinity.core.log.ScrubbingEncoder;
import dev.velocitytrinity.core.log.SecretScrubber;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of scrubbing one log line: the scrubber on its own, and a whole event through the scrubbing
 * encoder against the same pattern encoder without scrubbing (the baseline).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ScrubbingBenchmark {

  @Param({"clean", "one-secret", "json-with-secrets"})
  public String line;

  private String text;
  private SecretScrubber scrubber;
  private ILoggingEvent event;
  private PatternLayoutEncoder plain;
  private ScrubbingEncoder scrubbing;

  @Setup
  public void setUp() {
    text =
        switch (line) {
          case "clean" ->
              "resolved 1,204 imports in 312 files (cache hit 97%), wrote .dep-ci/report.json";
          case "one-secret" ->
              "cloning https://github.com/acme/api.git with token"
                  + " ghp_16C7e42F292c6912E7710c838347Ae178B4a into /tmp/ws";
          default ->
              "{\"event\":\"webhook\",\"sender\":\"octocat@github.com\",\"password\":\"hunter2!\","
                  + "\"headers\":{\"Authorization\":\"Bearer abcdef0123456789abcdef\"}}";
        };
    scrubber = SecretScrubber.withDefaults().withExactValues(List.of("configured-secret-value"));
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    LoggingEvent e = new LoggingEvent();
    e.setLoggerContext(context);
    e.setLoggerName("dev.velocitytrinity.depci.graph.GraphBuilder");
    e.setLevel(Level.INFO);
    e.setThreadName("main");
    e.setMessage(text);
    e.setTimeStamp(1_764_000_000_000L);
    event = e;
    plain = encoder(context);
    scrubbing = new ScrubbingEncoder(encoder(context), scrubber);
    scrubbing.setContext(context);
    scrubbing.start();
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n%ex");
    encoder.start();
    return encoder;
  }

  @Benchmark
  public String scrubberOnly() {
    return scrubber.scrub(text);
  }

  @Benchmark
  public byte[] encodeWithoutScrubbing() {
    return plain.encode(event);
  }

  @Benchmark
  public byte[] encodeWithScrubbing() {
    return scrubbing.encode(event);
  }
}
