package dev.velocitytrinity.core.cli;

import dev.velocitytrinity.core.log.SilentLogbackProvider;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/** The body of every tool's {@code main}: real streams and environment, then exit. */
public final class ToolMain {

  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

  private ToolMain() {}

  /**
   * Names SLF4J's provider so that the first logger makes neither SLF4J nor logback scan every jar
   * on the class path (~100 ms of a CLI's start-up; see {@link SilentLogbackProvider}). Call it
   * before anything logs; an explicit {@code -Dslf4j.provider} still wins.
   */
  public static void pinLoggingProvider() {
    if (System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY) == null) {
      System.setProperty(
          LoggerFactory.PROVIDER_PROPERTY_KEY, SilentLogbackProvider.class.getName());
      // Otherwise SLF4J announces on stderr that it used the property.
      if (System.getProperty(SLF4J_VERBOSITY) == null) {
        System.setProperty(SLF4J_VERBOSITY, "WARN");
      }
    }
  }

  public static void exit(CliEntryPoint entryPoint, String[] args) {
    pinLoggingProvider();
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(entryPoint.run(args, out, err, ToolEnvironment.system()));
  }
}
