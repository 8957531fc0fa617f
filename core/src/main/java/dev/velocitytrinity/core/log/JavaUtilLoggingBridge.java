package dev.velocitytrinity.core.log;

import ch.qos.logback.classic.LoggerContext;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.slf4j.event.Level;

/**
 * Routes java.util.logging (gRPC logs through it) into a logback context, so its records meet the
 * same level and the same scrubbing appender as everything else. Left alone, JUL's console handler
 * writes them, stack traces and any secret in a message included, straight to stderr.
 */
final class JavaUtilLoggingBridge extends SLF4JBridgeHandler {

  private final LoggerContext context;

  private JavaUtilLoggingBridge(LoggerContext context) {
    this.context = context;
  }

  /**
   * Makes this bridge JUL's only root handler and sets JUL's root level to {@code level}, so that
   * records below it are never even built.
   */
  static void install(LoggerContext context, Level level) {
    java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.addHandler(new JavaUtilLoggingBridge(context));
    root.setLevel(julLevel(level));
  }

  static java.util.logging.Level julLevel(Level level) {
    return switch (level) {
      case TRACE -> java.util.logging.Level.FINEST;
      case DEBUG -> java.util.logging.Level.FINE;
      case INFO -> java.util.logging.Level.INFO;
      case WARN -> java.util.logging.Level.WARNING;
      case ERROR -> java.util.logging.Level.SEVERE;
    };
  }

  @Override
  protected Logger getSLF4JLogger(LogRecord record) {
    String name = record.getLoggerName();
    return context.getLogger(name == null ? "jul" : name);
  }
}
