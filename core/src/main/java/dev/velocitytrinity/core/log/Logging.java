package dev.velocitytrinity.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Installs the tools' logging: one appender writing to the given stream through a {@link
 * ScrubbingEncoder}. Anything configured before (a stray logback.xml) is replaced, and
 * java.util.logging is routed to the same appender, so there is no path from a logger to bytes that
 * skips the scrubber.
 */
public final class Logging {

  static final String APPENDER_NAME = "velocity-trinity";

  private Logging() {}

  /** Configures the process-wide logback context. */
  public static void install(LogSettings settings, SecretScrubber scrubber, OutputStream target) {
    install((LoggerContext) LoggerFactory.getILoggerFactory(), settings, scrubber, target);
  }

  /** Configures {@code context}: resets it, then attaches one scrubbing appender to the root. */
  public static void install(
      LoggerContext context, LogSettings settings, SecretScrubber scrubber, OutputStream target) {
    context.reset();
    if (!context.isStarted()) {
      context.start();
    }
    ScrubbingEncoder encoder = new ScrubbingEncoder(delegateEncoder(context, settings), scrubber);
    encoder.setContext(context);
    encoder.start();

    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setName(APPENDER_NAME);
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(target);
    appender.setImmediateFlush(true);
    appender.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(settings.level().name()));
    root.addAppender(appender);
    // Libraries that log at INFO during normal work stay quiet unless asked for.
    if (settings.level().toInt() > org.slf4j.event.Level.DEBUG.toInt()) {
      context.getLogger("io.grpc").setLevel(Level.WARN);
      context.getLogger("io.netty").setLevel(Level.WARN);
    }
    JavaUtilLoggingBridge.install(context, settings.level());
  }

  /**
   * Makes the installed logging scrub with {@code scrubber} from now on, without re-installing it
   * (a reset would drop events other threads log meanwhile). False when {@link #install} has not
   * run on the process-wide context.
   */
  public static boolean rescrub(SecretScrubber scrubber) {
    return rescrub((LoggerContext) LoggerFactory.getILoggerFactory(), scrubber);
  }

  static boolean rescrub(LoggerContext context, SecretScrubber scrubber) {
    Appender<ILoggingEvent> appender =
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER_NAME);
    if (appender instanceof OutputStreamAppender<ILoggingEvent> out
        && out.getEncoder() instanceof ScrubbingEncoder encoder) {
      encoder.scrubWith(scrubber);
      return true;
    }
    return false;
  }

  /** Every encoder attached to the root logger; tests use it to prove all of them scrub. */
  public static List<Encoder<ILoggingEvent>> rootEncoders(LoggerContext context) {
    List<Encoder<ILoggingEvent>> encoders = new ArrayList<>();
    Iterator<Appender<ILoggingEvent>> it =
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    while (it.hasNext()) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out) {
        encoders.add(out.getEncoder());
      }
    }
    return encoders;
  }

  private static Encoder<ILoggingEvent> delegateEncoder(
      LoggerContext context, LogSettings settings) {
    return switch (settings.format()) {
      case JSON -> {
        LogstashEncoder json = new LogstashEncoder();
        json.setContext(context);
        json.setIncludeCallerData(false);
        json.setIncludeContext(false);
        yield json;
      }
      case TEXT -> {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n%ex");
        yield text;
      }
    };
  }
}
