package dev.velocitytrinity.livepatch.delta;

/** How a literal's bytes travel. */
public enum LiteralCodec {
  /** As they are: small, incompressible, or not worth a tenth of their size. */
  RAW,
  /** A zstd frame: the most compact, at about a quarter of lz4's speed. */
  ZSTD,
  /** An LZ4 block: about half zstd's ratio on source code, several times faster both ways. */
  LZ4
}
