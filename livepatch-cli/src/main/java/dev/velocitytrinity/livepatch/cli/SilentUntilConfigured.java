package dev.velocitytrinity.livepatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration until the tool installs its own ({@code core}'s {@code Logging}, which
 * resets the context): nothing is logged. Without it, logback's fallback would print every DEBUG
 * event to standard output, so no library could run before the command starts; with it, {@link
 * LivePatchCli#main} loads BoringSSL, Netty and gRPC on a background thread while picocli parses
 * the command line. Found through {@code META-INF/services}.
 */
public final class SilentUntilConfigured extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
