package dev.velocitytrinity.livepatch.client;

/** How a sync compresses the content it sends (see {@code ThroughputCodecChooser}). */
public enum Compression {
  /** zstd for small change sets; for large ones whichever of lz4 and zstd measures faster. */
  AUTO,
  /** Always zstd: the fewest bytes. */
  ZSTD,
  /** Always lz4, with agents that offer it (zstd otherwise): the least CPU. */
  LZ4
}
