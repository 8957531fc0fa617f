package dev.velocitytrinity.core.log;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/** A throwable view whose messages (its own, its causes' and suppressed ones') are scrubbed. */
final class ScrubbedThrowableProxy implements IThrowableProxy {

  private final IThrowableProxy delegate;
  private final SecretScrubber scrubber;

  private ScrubbedThrowableProxy(IThrowableProxy delegate, SecretScrubber scrubber) {
    this.delegate = delegate;
    this.scrubber = scrubber;
  }

  static IThrowableProxy wrap(IThrowableProxy proxy, SecretScrubber scrubber) {
    return proxy == null ? null : new ScrubbedThrowableProxy(proxy, scrubber);
  }

  @Override
  public String getMessage() {
    return scrubber.scrub(delegate.getMessage());
  }

  @Override
  public String getClassName() {
    return delegate.getClassName();
  }

  @Override
  public StackTraceElementProxy[] getStackTraceElementProxyArray() {
    return delegate.getStackTraceElementProxyArray();
  }

  @Override
  public int getCommonFrames() {
    return delegate.getCommonFrames();
  }

  @Override
  public IThrowableProxy getCause() {
    return wrap(delegate.getCause(), scrubber);
  }

  @Override
  public IThrowableProxy[] getSuppressed() {
    IThrowableProxy[] suppressed = delegate.getSuppressed();
    if (suppressed == null) {
      return null;
    }
    IThrowableProxy[] out = new IThrowableProxy[suppressed.length];
    for (int i = 0; i < suppressed.length; i++) {
      out[i] = wrap(suppressed[i], scrubber);
    }
    return out;
  }

  @Override
  public boolean isCyclic() {
    return delegate.isCyclic();
  }
}
