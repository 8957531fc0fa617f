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
 * reading, hashing, compressing and waiting for the link all count. The first window (lz4) is not
 * timed: the transport's buffers, still filling, would make it look faster than the link is. Then
 * one window of zstd and one of lz4 are timed and the faster codec is used. The other gets one
 * window again after {@link #FIRST_REVISIT} windows, so a change in the link or in the machine's
 * load is noticed; each time that confirms the choice, the wait doubles (up to {@link
 * #LAST_REVISIT}), so a clear winner costs little. Not thread-safe: one per sync, used by the
 * thread that encodes.
 */
public final class ThroughputCodecChooser implements CodecChooser {

  /** Raw bytes sent with zstd before any measuring. */
  static final long SMALL = 4L << 20;

  /** Raw bytes per window. */
  static final long WINDOW = 16L << 20;

  /** Windows with the faster codec before the other is timed again, at first and at most. */
  static final int FIRST_REVISIT = 8;

  static final int LAST_REVISIT = 64;

  private static final Logger LOG = LoggerFactory.getLogger(ThroughputCodecChooser.class);

  private final LongSupplier nanoTime;
  private long seen;
  private LiteralCodec current = LiteralCodec.ZSTD;
  private int windows;
  private long windowStart;
  private long windowBytes;

  /** Raw bytes per nanosecond in each codec's latest timed window; NaN until timed. */
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
    if (windows == 0) {
      startWindow(LiteralCodec.LZ4, now);
    } else if (windowBytes >= WINDOW) {
      startWindow(afterWindow(now), now);
    }
    windowBytes += rawLength;
    seen += rawLength;
    return current;
  }

  private LiteralCodec afterWindow(long now) {
    if (windows == 1) {
      return LiteralCodec.ZSTD; // the untimed first window
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
    current = codec;
    windows++;
    windowStart = now;
    windowBytes = 0;
  }

  private static String megabytesPerSecond(double bytesPerNano) {
    return Double.isNaN(bytesPerNano) ? "?" : Long.toString(Math.round(bytesPerNano * 1000));
  }
}
