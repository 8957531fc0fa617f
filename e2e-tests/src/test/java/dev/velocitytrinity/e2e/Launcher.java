package dev.velocitytrinity.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    List<String> command = new ArrayList<>();
    if (launcher.toString().endsWith(".cmd")) {
      command.addAll(List.of("cmd.exe", "/c"));
    }
    command.add(launcher.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    builder.environment().put("HOME", workingDir.toString());
    builder.environment().remove("XDG_CONFIG_HOME");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(workingDir, "out", ".txt");
    Path err = Files.createTempFile(workingDir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish within 60 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Launcher() {}
}
