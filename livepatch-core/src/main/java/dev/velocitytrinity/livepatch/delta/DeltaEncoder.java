package dev.velocitytrinity.livepatch.delta;

import com.dynatrace.hash4j.hashing.HashValue128;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns a new file into delta operations against a base {@link Signature}, reading the new file
 * once through a window of a few blocks. Memory is the block index (O(block count)) plus a buffer
 * of {@code max(4 × block size, 256 KiB)}, whatever the file's length.
 */
public final class DeltaEncoder {

  /** Literal runs are flushed at this size so no consumer buffers more. */
  public static final int MAX_LITERAL = 64 * 1024;

  private final Signature base;
  private final int blockSize;
  private final int[] bucketHead;
  private final int[] bucketNext;
  private final int mask;

  public DeltaEncoder(Signature base) {
    this.base = base;
    this.blockSize = base.blockSize();
    int n = base.blockCount();
    int buckets = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
    this.mask = buckets - 1;
    this.bucketHead = new int[buckets];
    this.bucketNext = new int[n];
    // Insert in reverse so each chain lists blocks in file order.
    for (int i = n - 1; i >= 0; i--) {
      if (base.blockLength(i) != blockSize) {
        continue; // the short last block only matches at the end, see matchTail
      }
      int bucket = bucket(base.weak()[i]);
      bucketNext[i] = bucketHead[bucket];
      bucketHead[bucket] = i + 1;
    }
  }

  /** Encodes all of {@code newContent} into {@code sink}. */
  public DeltaStats encode(InputStream newContent, DeltaSink sink) throws IOException {
    return new Run(newContent, sink).run();
  }

  private int bucket(int weak) {
    int h = weak * 0x9E3779B1;
    return (h ^ (h >>> 16)) & mask;
  }

  private boolean strongEquals(int block, HashValue128 strong) {
    return base.strongHigh()[block] == strong.getMostSignificantBits()
        && base.strongLow()[block] == strong.getLeastSignificantBits();
  }

  /** One pass over one new file. */
  private final class Run {
    private final InputStream in;
    private final DeltaSink sink;
    private final byte[] buf;
    private int pos;
    private int end;
    private int literalStart;
    private boolean eof;
    private long runStart = -1;
    private int runCount;
    private long matched;
    private long literal;

    Run(InputStream in, DeltaSink sink) {
      this.in = in;
      this.sink = sink;
      this.buf = new byte[Math.max(blockSize * 4, 256 * 1024)];
    }

    DeltaStats run() throws IOException {
      if (base.blockCount() == 0) {
        while (ensure(1)) {
          pos = end;
          flushLiteralIfLarge();
        }
        flushLiteral();
        return new DeltaStats(matched, literal);
      }
      RollingChecksum rolling = null;
      int preferred = 0;
      while (ensure(blockSize)) {
        if (rolling == null) {
          rolling = RollingChecksum.of(buf, pos, blockSize);
        }
        int match = find(rolling.value(), preferred);
        if (match >= 0) {
          flushLiteral();
          addCopy(match);
          pos += blockSize;
          literalStart = pos;
          preferred = match + 1;
          rolling = null;
          continue;
        }
        if (!ensure(blockSize + 1)) {
          break;
        }
        rolling.roll(buf[pos], buf[pos + blockSize]);
        pos++;
        flushLiteralIfLarge();
      }
      ensure(Integer.MAX_VALUE); // read to the end: the tail is what is left
      matchTail();
      pos = end;
      flushLiteral();
      flushRun();
      return new DeltaStats(matched, literal);
    }

    /** The base's short last block can still match the new file's tail exactly. */
    private void matchTail() throws IOException {
      int last = base.blockCount() - 1;
      int lastLength = base.blockLength(last);
      if (lastLength == blockSize || end - pos != lastLength) {
        return;
      }
      if (RollingChecksum.compute(buf, pos, lastLength) == base.weak()[last]
          && strongEquals(last, StrongHash.of(buf, pos, lastLength))) {
        flushLiteral();
        addCopy(last);
        pos += lastLength;
        literalStart = pos;
      }
    }

    private int find(int weak, int preferred) {
      HashValue128 strong = null;
      if (preferred < base.blockCount()
          && base.weak()[preferred] == weak
          && base.blockLength(preferred) == blockSize) {
        strong = StrongHash.of(buf, pos, blockSize);
        if (strongEquals(preferred, strong)) {
          return preferred;
        }
      }
      for (int i = bucketHead[bucket(weak)]; i != 0; i = bucketNext[i - 1]) {
        int block = i - 1;
        if (base.weak()[block] != weak) {
          continue;
        }
        if (strong == null) {
          strong = StrongHash.of(buf, pos, blockSize);
        }
        if (strongEquals(block, strong)) {
          return block;
        }
      }
      return -1;
    }

    private void addCopy(int block) throws IOException {
      matched += base.blockLength(block);
      if (runStart >= 0 && block == runStart + runCount) {
        runCount++;
        return;
      }
      flushRun();
      runStart = block;
      runCount = 1;
    }

    private void flushRun() throws IOException {
      if (runStart >= 0) {
        sink.copy(runStart, runCount);
        runStart = -1;
        runCount = 0;
      }
    }

    private void flushLiteralIfLarge() throws IOException {
      if (pos - literalStart >= MAX_LITERAL) {
        flushLiteral();
      }
    }

    private void flushLiteral() throws IOException {
      int length = pos - literalStart;
      if (length > 0) {
        flushRun();
        for (int off = literalStart; off < pos; off += MAX_LITERAL) {
          int chunk = Math.min(MAX_LITERAL, pos - off);
          sink.literal(buf, off, chunk);
        }
        literal += length;
      }
      literalStart = pos;
    }

    /** Makes {@code need} bytes from {@code pos} readable if the input has them. */
    private boolean ensure(int need) throws IOException {
      while (end - pos < need && !eof) {
        if (end == buf.length) {
          flushLiteral();
          System.arraycopy(buf, pos, buf, 0, end - pos);
          end -= pos;
          pos = 0;
          literalStart = 0;
        }
        int read = in.read(buf, end, buf.length - end);
        if (read < 0) {
          eof = true;
        } else {
          end += read;
        }
      }
      return end - pos >= need;
    }
  }
}
