package dev.velocitytrinity.livepatch.delta;

/**
 * Picks the codec each literal worth compressing is tried with, one sync's literals in order, and
 * hears how they went (a chooser that measures uses that; a fixed one ignores it).
 */
@FunctionalInterface
public interface CodecChooser {

  /** The codec for the next literal, of {@code rawLength} bytes. */
  LiteralCodec next(int rawLength);

  /** A literal went out as {@code wireLength} bytes (compressed or not). */
  default void encoded(int wireLength) {}

  /** The sender had to wait for the link (its buffers were full) before it could send more. */
  default void senderWaited() {}

  /** Always {@code codec}. */
  static CodecChooser always(LiteralCodec codec) {
    return rawLength -> codec;
  }
}
