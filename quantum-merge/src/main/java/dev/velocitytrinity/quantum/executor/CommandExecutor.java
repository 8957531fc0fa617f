package dev.velocitytrinity.quantum.executor;

import dev.velocitytrinity.core.log.SecretScrubber;
import dev.velocitytrinity.quantum.queue.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a shell command per build; exit 0 passes. The entry details go in environment variables:
 * {@code QUANTUM_QUEUE}, {@code QUANTUM_REPO}, {@code QUANTUM_BRANCH}, {@code QUANTUM_BUILD_ID},
 * {@code QUANTUM_PRS} (space separated, in merge order), {@code QUANTUM_SHAS}, {@code
 * QUANTUM_HEAD_PR}, {@code QUANTUM_HEAD_SHA}. Output (stdout and stderr together) is captured,
 * scrubbed of secrets and cut to its last {@value #MAX_OUTPUT} characters.
 */
public final class CommandExecutor implements BuildExecutor {

  static final int MAX_OUTPUT = 64 * 1024;
  private static final long POLL_MILLIS = 100;

  private final String command;
  private final Path workingDirectory;
  private final Duration timeout;
  private final Map<String, String> baseEnvironment;
  private final SecretScrubber scrubber;
  private final Clock clock;

  public CommandExecutor(
      String command,
      Path workingDirectory,
      Duration timeout,
      Map<String, String> baseEnvironment,
      SecretScrubber scrubber,
      Clock clock) {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("the build command is empty");
    }
    this.command = command;
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.baseEnvironment = Map.copyOf(baseEnvironment);
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The variables a build command sees. */
  public static Map<String, String> variables(BuildRequest request) {
    List<Entry> entries = request.entries();
    return Map.of(
        "QUANTUM_QUEUE", request.queue().toString(),
        "QUANTUM_REPO", request.queue().repo(),
        "QUANTUM_BRANCH", request.queue().branch(),
        "QUANTUM_BUILD_ID", Long.toString(request.buildId()),
        "QUANTUM_PRS",
            entries.stream().map(e -> Integer.toString(e.pr())).collect(Collectors.joining(" ")),
        "QUANTUM_SHAS", entries.stream().map(Entry::headSha).collect(Collectors.joining(" ")),
        "QUANTUM_HEAD_PR", Integer.toString(request.head().pr()),
        "QUANTUM_HEAD_SHA", request.head().headSha());
  }

  @Override
  public BuildOutcome run(BuildRequest request, Cancellation cancellation)
      throws InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(baseEnvironment);
    builder.environment().putAll(variables(request));
    Instant start = clock.instant();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new BuildOutcome(
          BuildOutcome.Status.FAILED,
          Duration.ZERO,
          scrubber.scrub("could not start the build command: " + e.getMessage()));
    }
    OutputCollector output = new OutputCollector(process.getInputStream());
    Thread reader = new Thread(output, "build-output-" + request.buildId());
    reader.setDaemon(true);
    reader.start();
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (cancellation.cancelled()) {
          stop(process);
          return finish(BuildOutcome.Status.CANCELLED, start, output, reader, "");
        }
        if (Duration.between(start, clock.instant()).compareTo(timeout) > 0) {
          stop(process);
          return finish(
              BuildOutcome.Status.FAILED,
              start,
              output,
              reader,
              "\n[timed out after " + timeout + "]");
        }
      }
    } catch (InterruptedException e) {
      stop(process);
      throw e;
    }
    BuildOutcome.Status status =
        process.exitValue() == 0 ? BuildOutcome.Status.PASSED : BuildOutcome.Status.FAILED;
    return finish(status, start, output, reader, "");
  }

  private BuildOutcome finish(
      BuildOutcome.Status status,
      Instant start,
      OutputCollector output,
      Thread reader,
      String suffix)
      throws InterruptedException {
    reader.join(1_000);
    String text = output.text() + suffix;
    if (text.length() > MAX_OUTPUT) {
      text = "[...]" + text.substring(text.length() - MAX_OUTPUT);
    }
    return new BuildOutcome(status, Duration.between(start, clock.instant()), scrubber.scrub(text));
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static final class OutputCollector implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    OutputCollector(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] chunk = new byte[8192];
      try {
        int n;
        while ((n = in.read(chunk)) >= 0) {
          synchronized (buffer) {
            buffer.write(chunk, 0, n);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String text() {
      synchronized (buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
