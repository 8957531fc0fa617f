package dev.velocitytrinity.livepatch.delta;

import com.dynatrace.hash4j.hashing.HashValue128;
import java.io.IOException;
import java.io.InputStream;

/** Computes signatures by streaming a base file once, one block in memory at a time. */
public final class Signatures {

  private Signatures() {}

  /** The signature of {@code length} bytes from {@code in}, with the block size for that length. */
  public static Signature of(InputStream in, long length) throws IOException {
    return of(in, length, BlockSizes.forLength(length));
  }

  public static Signature of(InputStream in, long length, int blockSize) throws IOException {
    long count = (length + blockSize - 1) / blockSize;
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("file too large for block size " + blockSize);
    }
    int n = (int) count;
    int[] weak = new int[n];
    long[] high = new long[n];
    long[] low = new long[n];
    byte[] block = new byte[blockSize];
    for (int i = 0; i < n; i++) {
      int len = (int) Math.min(blockSize, length - (long) i * blockSize);
      int read = in.readNBytes(block, 0, len);
      if (read != len) {
        throw new IOException("file shrank while its signature was computed");
      }
      weak[i] = RollingChecksum.compute(block, 0, len);
      HashValue128 strong = StrongHash.of(block, 0, len);
      high[i] = strong.getMostSignificantBits();
      low[i] = strong.getLeastSignificantBits();
    }
    return new Signature(blockSize, length, weak, high, low);
  }
}
