package dev.velocitytrinity.livepatch.delta;

/**
 * The blocks of a base file: for block {@code i}, its weak rolling checksum and its xxh3-128 strong
 * hash. Blocks are {@code blockSize} long except possibly the last. Arrays are owned by the record:
 * callers must not change them.
 */
public record Signature(
    int blockSize, long fileLength, int[] weak, long[] strongHigh, long[] strongLow) {

  public Signature {
    if (blockSize <= 0) {
      throw new IllegalArgumentException("block size must be positive: " + blockSize);
    }
    if (fileLength < 0) {
      throw new IllegalArgumentException("negative file length: " + fileLength);
    }
    long blocks = (fileLength + blockSize - 1) / blockSize;
    if (weak.length != blocks || strongHigh.length != blocks || strongLow.length != blocks) {
      throw new IllegalArgumentException(
          "signature of " + fileLength + " bytes needs " + blocks + " blocks");
    }
  }

  public int blockCount() {
    return weak.length;
  }

  /** Length of block {@code index}: the block size, or less for the last block. */
  public int blockLength(long index) {
    return (int) Math.min(blockSize, fileLength - index * blockSize);
  }
}
