package dev.velocitytrinity.core.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * The one gate between log events and bytes. It scrubs the event (so structured encoders emit
 * valid, clean fields), lets the delegate encode it, then scrubs the encoded text once more, which
 * catches anything the delegate added from places the event view does not cover (logger and thread
 * names, markers, stack frames).
 */
public final class ScrubbingEncoder extends EncoderBase<ILoggingEvent> {

  private final Encoder<ILoggingEvent> delegate;
  // Volatile: replaced once the config's secret values are known, while other threads may log.
  private volatile SecretScrubber scrubber;
  // The delegate starts at the first event: parsing its pattern and loading the time-zone rules it
  // formats with cost every CLI start ~25 ms, and most runs log nothing. Appenders encode outside
  // their lock, hence volatile and the synchronized start.
  private volatile boolean delegateStarted;

  public ScrubbingEncoder(Encoder<ILoggingEvent> delegate, SecretScrubber scrubber) {
    this.delegate = delegate;
    this.scrubber = scrubber;
  }

  public SecretScrubber scrubber() {
    return scrubber;
  }

  /** Scrubs with {@code next} from now on (it must cover at least what the current one does). */
  public void scrubWith(SecretScrubber next) {
    this.scrubber = next;
  }

  /** The delegate's header once it has started; the tools' encoders write none. */
  @Override
  public byte[] headerBytes() {
    return delegateStarted ? scrubBytes(delegate.headerBytes(), scrubber) : null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    startDelegateOnce();
    SecretScrubber current = scrubber;
    return scrubBytes(delegate.encode(new ScrubbedLoggingEvent(event, current)), current);
  }

  @Override
  public byte[] footerBytes() {
    return delegateStarted ? scrubBytes(delegate.footerBytes(), scrubber) : null;
  }

  /** Whether the delegate has started, which it does at the first event. */
  public boolean delegateStarted() {
    return delegateStarted;
  }

  private void startDelegateOnce() {
    if (!delegateStarted) {
      synchronized (this) {
        if (!delegateStarted) {
          delegate.start();
          delegateStarted = true;
        }
      }
    }
  }

  private static byte[] scrubBytes(byte[] bytes, SecretScrubber scrubber) {
    if (bytes == null || bytes.length == 0) {
      return bytes;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    String clean = scrubber.scrub(text);
    return clean == text ? bytes : clean.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void stop() {
    if (delegateStarted) {
      delegate.stop();
      delegateStarted = false;
    }
    super.stop();
  }
}
