package dev.velocitytrinity.livepatch.delta;

/**
 * Block size for a file: grows with the square root of its length like rsync's, within rsync's
 * bounds (700 B to 128 KiB), but four times rsync's √length. Our literals travel zstd-compressed,
 * so a block of literal costs about a third of its size while each block's signature (weak sum +
 * 128-bit strong hash) costs 20 bytes whatever its size: minimising signature + literal bytes for a
 * small edit, √(length × 20 / ⅓) ≈ 8√length, and 4√length keeps literals short for scattered edits.
 */
public final class BlockSizes {

  /** rsync's minimum: smaller blocks cost more in signature than they save. */
  public static final int MIN = 700;

  /** Upper bound, so one literal run or one copy never needs a large buffer. */
  public static final int MAX = 128 * 1024;

  private BlockSizes() {}

  public static int forLength(long length) {
    long root = 4 * (long) Math.ceil(Math.sqrt((double) length));
    long rounded = (root + 7) & ~7L;
    return (int) Math.min(MAX, Math.max(MIN, rounded));
  }
}
