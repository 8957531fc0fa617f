package dev.velocitytrinity.livepatch.transport;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Netty's loggers (through SLF4J as usual), with DEBUG and TRACE dropped until {@link #open}.
 *
 * <p>Why: the CLI loads Netty on a background thread while the main thread installs the tool's
 * logging, and installing resets logback, which for a moment enables DEBUG on every logger. A DEBUG
 * event that passes its level check in that moment is printed once the new appender is attached, so
 * a sync now and then printed one of Netty's start-up DEBUG lines. The CLI opens the gate once its
 * logging is final.
 */
final class NettyLogGate extends InternalLoggerFactory {

  private final Slf4JLoggerFactory slf4j = (Slf4JLoggerFactory) Slf4JLoggerFactory.INSTANCE;
  private volatile boolean open;

  void open() {
    open = true;
  }

  @Override
  protected InternalLogger newInstance(String name) {
    InternalLogger logger = slf4j.newInstance(name);
    return (InternalLogger)
        Proxy.newProxyInstance(
            InternalLogger.class.getClassLoader(),
            new Class<?>[] {InternalLogger.class},
            (proxy, method, args) -> {
              if (!open && quiet(method, args)) {
                return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
              }
              try {
                return method.invoke(logger, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static boolean quiet(Method method, Object[] args) {
    String name = method.getName();
    if (name.startsWith("trace") || name.startsWith("debug")) {
      return true;
    }
    if (name.equals("isTraceEnabled") || name.equals("isDebugEnabled")) {
      return true;
    }
    return (name.equals("log") || name.equals("isEnabled"))
        && (args[0] == InternalLogLevel.DEBUG || args[0] == InternalLogLevel.TRACE);
  }
}
