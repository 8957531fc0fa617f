package dev.velocitytrinity.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Logback for the command-line tools, without logback's own start-up: its auto-configuration
 * searches every jar for configurators and configuration files, and checks its jars' versions,
 * which opens them all (~60 ms of a CLI's start). Nothing is logged until {@link Logging#install}
 * resets the context with the tool's configuration. {@code ToolMain} names this class in {@code
 * slf4j.provider}; tests and embedders keep logback's usual provider.
 */
public final class SilentLogbackProvider implements SLF4JServiceProvider {

  private LoggerContext context;
  private IMarkerFactory markers;
  private LogbackMDCAdapter mdc;

  @Override
  public void initialize() {
    context = new LoggerContext();
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    mdc = new LogbackMDCAdapter();
    context.setMDCAdapter(mdc);
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    context.start();
    markers = new BasicMarkerFactory();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return LogbackServiceProvider.REQUESTED_API_VERSION;
  }
}
