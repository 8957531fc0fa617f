package dev.velocitytrinity.core.cli;

import dev.velocitytrinity.core.log.SilentLogbackProvider;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/** The body of every tool's {@code main}: real streams and environment, then exit. */
public final class ToolMain {

  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
  private static final String PICOCLI_CLOSURES = "picocli.disable.closures";
  private static final String JBOSS_LOGGING_PROVIDER = "org.jboss.logging.provider";

  private ToolMain() {}

  /**
   * Names SLF4J's provider so that the first logger makes neither SLF4J nor logback scan every jar
   * on the class path (~100 ms of a CLI's start-up; see {@link SilentLogbackProvider}). Call it
   * before anything logs; an explicit {@code -Dslf4j.provider} still wins.
   */
  public static void pinLoggingProvider() {
    // Hibernate Validator logs through JBoss Logging, which otherwise probes for four other
    // logging libraries, each a failed class lookup through every jar, before it settles on SLF4J.
    if (System.getProperty(JBOSS_LOGGING_PROVIDER) == null) {
      System.setProperty(JBOSS_LOGGING_PROVIDER, "slf4j");
    }
    if (System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY) == null) {
      System.setProperty(
          LoggerFactory.PROVIDER_PROPERTY_KEY, SilentLogbackProvider.class.getName());
      // Otherwise SLF4J announces on stderr that it used the property.
      if (System.getProperty(SLF4J_VERBOSITY) == null) {
        System.setProperty(SLF4J_VERBOSITY, "WARN");
      }
    }
  }

  /**
   * Tells picocli that no command uses Groovy closures. Otherwise its default factory looks up
   * {@code groovy.lang.Closure}, and that failed lookup opens every jar on the class path, which
   * class-data sharing otherwise spares (~40 ms of each start).
   */
  static void skipGroovyClosureLookup() {
    if (System.getProperty(PICOCLI_CLOSURES) == null) {
      System.setProperty(PICOCLI_CLOSURES, "true");
    }
  }

  public static void exit(CliEntryPoint entryPoint, String[] args) {
    pinLoggingProvider();
    skipGroovyClosureLookup();
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(entryPoint.run(args, out, err, ToolEnvironment.system()));
  }
}
