package dev.velocitytrinity.core.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The body of every tool's {@code main}: real streams and environment, then exit. */
public final class ToolMain {

  private ToolMain() {}

  public static void exit(CliEntryPoint entryPoint, String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(entryPoint.run(args, out, err, ToolEnvironment.system()));
  }
}
