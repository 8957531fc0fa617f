package dev.velocitytrinity.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a launcher from dist/bin as a separate process and captures what it printed. */
final class Launcher {

  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Path dist() {
    String dist = System.getProperty("vt.dist");
    if (dist == null) {
      throw new IllegalStateException("vt.dist is not set: run through ./mvnw verify");
    }
    return Path.of(dist).toAbsolutePath().normalize();
  }

  static boolean windows() {
    return System.getProperty("os.name", "")
        .toLowerCase(java.util.Locale.ROOT)
        .startsWith("windows");
  }

  /** The launcher a user of this OS runs: the shell script, or its .cmd twin on Windows. */
  static Path bin(String tool) {
    Path launcher = dist().resolve("bin").resolve(windows() ? tool + ".cmd" : tool);
    if (!Files.isRegularFile(launcher)) {
      throw new IllegalStateException(launcher + " is missing: the distribution module builds it");
    }
    return launcher;
  }

  static Result run(Path workingDir, Map<String, String> env, Path launcher, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(workingDir, "out", ".txt");
    Path err = Files.createTempFile(workingDir, "err", ".txt");
    Process process = start(workingDir, env, out, err, launcher, args);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(launcher + " " + List.of(args) + " did not finish in 60 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code launcher args...} in {@code workingDir}, isolated (see {@link #isolate}) with
   * {@code env} on top, its stdout and stderr going to the files given.
   */
  static Process start(
      Path workingDir, Map<String, String> env, Path out, Path err, Path launcher, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    if (launcher.toString().endsWith(".cmd")) {
      command.addAll(List.of("cmd.exe", "/c"));
    }
    command.add(launcher.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    isolate(builder.environment(), workingDir);
    builder.environment().putAll(env);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return builder.start();
  }

  /**
   * Gives a launched tool {@code home} as its home, with no config, cache or daemon folder of the
   * machine's, and, as in CI, no LivePatch daemon left behind by a sync (tests of the daemon set
   * {@code CI=false}).
   */
  static void isolate(Map<String, String> env, Path home) {
    env.put("HOME", home.toString());
    env.remove("XDG_CONFIG_HOME");
    env.remove("XDG_CACHE_HOME");
    env.remove("XDG_RUNTIME_DIR");
    env.put("CI", "true");
  }

  /**
   * Waits (up to 30 s) for a process writing to {@code out} to print a line matching {@code regex};
   * the match, for its groups. The process is another JVM: polling its output file is the way.
   */
  static Matcher awaitLine(Path out, String regex) throws Exception {
    Matcher matcher = Pattern.compile(regex).matcher("");
    for (int i = 0; i < 300; i++) {
      if (Files.exists(out) && matcher.reset(Files.readString(out)).find()) {
        return matcher;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no line matching '" + regex + "' in:\n" + Files.readString(out));
  }

  private Launcher() {}
}
