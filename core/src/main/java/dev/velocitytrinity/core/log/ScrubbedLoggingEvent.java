package dev.velocitytrinity.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event as encoders should see it: message, arguments, MDC values, key-value pairs and
 * exception messages already scrubbed. Raw arguments are dropped, so an encoder that prints them
 * separately (as JSON encoders can) only ever sees the scrubbed, formatted message.
 */
final class ScrubbedLoggingEvent implements ILoggingEvent {

  private final ILoggingEvent delegate;
  private final String message;
  private final Map<String, String> mdc;
  private final List<KeyValuePair> keyValuePairs;
  private final IThrowableProxy throwable;

  ScrubbedLoggingEvent(ILoggingEvent delegate, SecretScrubber scrubber) {
    this.delegate = delegate;
    this.message = scrubber.scrub(delegate.getFormattedMessage());
    Map<String, String> scrubbedMdc = new LinkedHashMap<>();
    Map<String, String> rawMdc = delegate.getMDCPropertyMap();
    if (rawMdc != null) {
      rawMdc.forEach((k, v) -> scrubbedMdc.put(k, scrubber.scrub(v)));
    }
    this.mdc = scrubbedMdc;
    List<KeyValuePair> rawPairs = delegate.getKeyValuePairs();
    this.keyValuePairs =
        rawPairs == null
            ? null
            : rawPairs.stream()
                .map(p -> new KeyValuePair(p.key, scrubber.scrub(String.valueOf(p.value))))
                .toList();
    this.throwable = ScrubbedThrowableProxy.wrap(delegate.getThrowableProxy(), scrubber);
  }

  @Override
  public String getThreadName() {
    return delegate.getThreadName();
  }

  @Override
  public Level getLevel() {
    return delegate.getLevel();
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public Object[] getArgumentArray() {
    return null;
  }

  @Override
  public String getFormattedMessage() {
    return message;
  }

  @Override
  public String getLoggerName() {
    return delegate.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return delegate.getLoggerContextVO();
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return throwable;
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return delegate.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return delegate.hasCallerData();
  }

  @Override
  public List<Marker> getMarkerList() {
    return delegate.getMarkerList();
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return mdc;
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return mdc;
  }

  @Override
  public long getTimeStamp() {
    return delegate.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return delegate.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return delegate.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return delegate.getSequenceNumber();
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    return keyValuePairs;
  }

  @Override
  public void prepareForDeferredProcessing() {
    delegate.prepareForDeferredProcessing();
  }
}
