package dev.velocitytrinity.livepatch.delta;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Rebuilds a new file from its base and a stream of delta operations, hashing the output with
 * SHA-256 as it goes so the caller can check the result against the sender's digest.
 */
public final class PatchWriter implements DeltaSink {

  private final BlockSource base;
  private final long baseLength;
  private final int blockSize;
  private final OutputStream out;
  private final MessageDigest sha256;
  private final byte[] block;
  private long written;

  public PatchWriter(BlockSource base, int blockSize, OutputStream out) throws IOException {
    this(base, blockSize, out, true);
  }

  private PatchWriter(BlockSource base, int blockSize, OutputStream out, boolean digest)
      throws IOException {
    this.base = base;
    this.baseLength = base.length();
    this.blockSize = blockSize;
    this.out = out;
    this.sha256 = digest ? sha256() : null;
    this.block = new byte[blockSize];
  }

  /**
   * A writer for a file sent whole: only literals are allowed, and the check is the caller's (the
   * content hash), so no SHA-256 is computed.
   */
  public static PatchWriter whole(OutputStream out) throws IOException {
    return new PatchWriter(BlockSource.of(new byte[0]), 1, out, false);
  }

  @Override
  public void copy(long firstBlock, int count) throws IOException {
    if (firstBlock < 0 || count <= 0) {
      throw new DeltaException("invalid block range " + firstBlock + "+" + count);
    }
    for (long i = firstBlock; i < firstBlock + count; i++) {
      long offset = i * blockSize;
      if (offset >= baseLength) {
        throw new DeltaException("block " + i + " is beyond the base file");
      }
      int length = (int) Math.min(blockSize, baseLength - offset);
      base.read(offset, block, length);
      out.write(block, 0, length);
      if (sha256 != null) {
        sha256.update(block, 0, length);
      }
      written += length;
    }
  }

  @Override
  public void literal(byte[] data, int offset, int length) throws IOException {
    out.write(data, offset, length);
    if (sha256 != null) {
      sha256.update(data, offset, length);
    }
    written += length;
  }

  public long written() {
    return written;
  }

  /** Finishes the output and checks it against the sender's SHA-256. */
  public void verify(byte[] expectedSha256) throws DeltaException {
    if (sha256 == null) {
      throw new IllegalStateException("a whole-file writer has no SHA-256 to verify");
    }
    byte[] actual = sha256.digest();
    if (!Arrays.equals(actual, expectedSha256)) {
      throw new DeltaException("SHA-256 of the rebuilt file does not match the sender's");
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
