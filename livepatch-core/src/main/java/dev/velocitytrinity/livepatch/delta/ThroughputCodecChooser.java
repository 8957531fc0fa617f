package dev.velocitytrinity.livepatch.delta;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses between zstd and lz4 by measuring which moves a sync's content faster, rather than by a
 * model of the link: a slow link favours zstd (half lz4's bytes), a fast one lz4 (zstd's CPU
 * becomes the bottleneck), and a machine short of CPU, where sender and receiver compete for the
 * same cores, can go either way.
 *
 * <p>The first {@link #SMALL} bytes go with zstd: a small change set costs little CPU either way,
 * and zstd sends the fewest bytes. After that, literals are grouped into windows of {@link #WINDOW}
 * raw bytes, each timed on the sender's clock from its first literal to the next window's, so
 * reading, compressing and waiting for the link all count. The link's buffers (gRPC's, HTTP/2's
 * window, the sockets', the agent's read-ahead: about {@link #BUFFERED} bytes) distort a window
 * while they fill: they take its bytes faster than the link carries them. So a window counts only
 * when they were steady: it waited for the link and so did the window before it (they were full
 * throughout), or neither it nor the window before, with the same codec, waited, and more than
 * {@link #BUFFERED} bytes had gone before it (the link keeps up with this codec). A window that
 * does not count is run again with the same codec. Windows start with zstd (on a slow link, the
 * cheaper one to spend waiting on); once each codec has a window that counts, the faster is used,
 * and the other gets a window again after {@link #FIRST_REVISIT} windows, then twice as long each
 * time it loses (up to {@link #LAST_REVISIT}), so a change in the link or the machine's load is
 * noticed at little cost. Not thread-safe: one per sync, used by the thread that encodes and sends.
 */
public final class ThroughputCodecChooser implements CodecChooser {

  /** Raw bytes sent with zstd before any measuring. */
  static final long SMALL = 4L << 20;

  /** Raw bytes per window. */
  static final long WINDOW = 16L << 20;

  /** Bytes on the wire the link's buffers may hold, rounded up. */
  static final long BUFFERED = 8L << 20;

  /** Windows with the faster codec before the other is timed again, at first and at most. */
  static final int FIRST_REVISIT = 8;

  static final int LAST_REVISIT = 64;

  private static final Logger LOG = LoggerFactory.getLogger(ThroughputCodecChooser.class);

  private final LongSupplier nanoTime;
  private long seen;
  private long wire;
  private LiteralCodec current = LiteralCodec.ZSTD;
  private boolean measuring;
  private long windowStart;
  private long windowBytes;
  private long wireBeforeWindow;
  private boolean waited;
  private boolean waitedBefore;
  private boolean sameCodecBefore;

  /** Raw bytes per nanosecond in each codec's latest window that counted; NaN until one did. */
  private double lz4Rate = Double.NaN;

  private double zstdRate = Double.NaN;
  private int revisitAfter = FIRST_REVISIT;
  private int sinceRevisit;

  /**
   * @param nanoTime a monotonic clock, as {@link System#nanoTime}
   */
  public ThroughputCodecChooser(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public LiteralCodec next(int rawLength) {
    if (seen < SMALL) {
      seen += rawLength;
      return LiteralCodec.ZSTD;
    }
    long now = nanoTime.getAsLong();
    if (!measuring) {
      measuring = true;
      startWindow(LiteralCodec.ZSTD, now);
    } else if (windowBytes >= WINDOW) {
      startWindow(afterWindow(now), now);
    }
    windowBytes += rawLength;
    seen += rawLength;
    return current;
  }

  @Override
  public void encoded(int wireLength) {
    wire += wireLength;
  }

  @Override
  public void senderWaited() {
    waited = true;
  }

  private LiteralCodec afterWindow(long now) {
    boolean counts =
        waited ? waitedBefore : !waitedBefore && sameCodecBefore && wireBeforeWindow >= BUFFERED;
    if (!counts) {
      return current; // the buffers were filling: run it again
    }
    double rate = windowBytes / (double) Math.max(1, now - windowStart);
    boolean revisit = !Double.isNaN(lz4Rate) && !Double.isNaN(zstdRate) && current != best();
    if (current == LiteralCodec.LZ4) {
      lz4Rate = rate;
    } else {
      zstdRate = rate;
    }
    if (Double.isNaN(lz4Rate)) {
      return LiteralCodec.LZ4;
    }
    if (Double.isNaN(zstdRate)) {
      return LiteralCodec.ZSTD;
    }
    LiteralCodec best = best();
    if (revisit) {
      // The other codec had its window: if it lost again, wait twice as long before the next.
      revisitAfter = best == current ? FIRST_REVISIT : Math.min(LAST_REVISIT, revisitAfter * 2);
      sinceRevisit = 0;
    } else if (current != best) {
      // The codec in use fell behind the other's latest timing: switch, and watch closely again.
      revisitAfter = FIRST_REVISIT;
      sinceRevisit = 0;
    } else if (++sinceRevisit >= revisitAfter) {
      sinceRevisit = 0;
      return other(best);
    }
    return best;
  }

  private LiteralCodec best() {
    return lz4Rate >= zstdRate ? LiteralCodec.LZ4 : LiteralCodec.ZSTD;
  }

  private static LiteralCodec other(LiteralCodec codec) {
    return codec == LiteralCodec.LZ4 ? LiteralCodec.ZSTD : LiteralCodec.LZ4;
  }

  private void startWindow(LiteralCodec codec, long now) {
    if (codec != current) {
      LOG.debug(
          "literals now {} (lz4 {} MB/s, zstd {} MB/s in their latest timed windows)",
          codec.name().toLowerCase(Locale.ROOT),
          megabytesPerSecond(lz4Rate),
          megabytesPerSecond(zstdRate));
    }
    sameCodecBefore = codec == current;
    current = codec;
    windowStart = now;
    windowBytes = 0;
    wireBeforeWindow = wire;
    waitedBefore = waited;
    waited = false;
  }

  private static String megabytesPerSecond(double bytesPerNano) {
    return Double.isNaN(bytesPerNano) ? "?" : Long.toString(Math.round(bytesPerNano * 1000));
  }
}
