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
  private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

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
   * Names the JDK's own default {@code SelectorProvider}, so the first socket channel does not look
   * for another as a service through every jar on the class path (~40 ms of a start that otherwise
   * opens no jar but its own: a daemon client's). Only the platform's default is named, and only
   * after checking that it can be instantiated, because a provider that fails to load would break
   * every socket channel of the JVM; elsewhere nothing is set and the JDK looks as usual. Call it
   * before the first socket channel or selector is opened.
   */
  public static void pinSelectorProvider() {
    if (System.getProperty(SELECTOR_PROVIDER) != null) {
      return;
    }
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String name =
        os.startsWith("linux")
            ? "sun.nio.ch.EPollSelectorProvider"
            : os.startsWith("mac") ? "sun.nio.ch.KQueueSelectorProvider" : null;
    if (name == null) {
      return;
    }
    try {
      Class<?> provider = Class.forName(name, false, null);
      if (java.nio.channels.spi.SelectorProvider.class.isAssignableFrom(provider)
          && java.lang.reflect.Modifier.isPublic(provider.getModifiers())
          && java.lang.reflect.Modifier.isPublic(provider.getConstructor().getModifiers())) {
        System.setProperty(SELECTOR_PROVIDER, name);
      }
    } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
      // Not this JDK's class: leave the JDK to find its default.
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
    pinSelectorProvider();
    skipGroovyClosureLookup();
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(entryPoint.run(args, out, err, ToolEnvironment.system()));
  }
}
