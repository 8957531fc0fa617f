package dev.velocitytrinity.testing;

import dev.velocitytrinity.core.cli.CliEntryPoint;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a tool's entry point in-process with captured output, a controlled environment and working
 * directory. The environment starts empty apart from {@code HOME}, so no test reads the machine's.
 */
public final class CliHarness {

  private final CliEntryPoint entryPoint;
  private final Map<String, String> env;
  private final Path workingDirectory;

  private CliHarness(CliEntryPoint entryPoint, Map<String, String> env, Path workingDirectory) {
    this.entryPoint = entryPoint;
    this.env = Map.copyOf(env);
    this.workingDirectory = workingDirectory;
  }

  /** A harness whose HOME and working directory are {@code sandbox}. */
  public static CliHarness of(CliEntryPoint entryPoint, Path sandbox) {
    return new CliHarness(entryPoint, Map.of("HOME", sandbox.toString()), sandbox);
  }

  public CliHarness withEnv(String name, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(name, value);
    return new CliHarness(entryPoint, copy, workingDirectory);
  }

  public CliHarness inDirectory(Path directory) {
    return new CliHarness(entryPoint, env, directory);
  }

  public CliResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = entryPoint.run(args, o, e, new ToolEnvironment(env, workingDirectory));
    }
    return new CliResult(code, out.toString(), err.toString());
  }
}
