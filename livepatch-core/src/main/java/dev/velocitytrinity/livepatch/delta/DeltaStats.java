package dev.velocitytrinity.livepatch.delta;

/** What an encoding produced: bytes matched in the base and bytes sent as literals. */
public record DeltaStats(long matchedBytes, long literalBytes) {

  public DeltaStats {
    if (matchedBytes < 0 || literalBytes < 0) {
      throw new IllegalArgumentException("negative byte count");
    }
  }

  public long totalBytes() {
    return matchedBytes + literalBytes;
  }
}
