package dev.velocitytrinity.livepatch.delta;

/** Picks the codec each literal worth compressing is tried with, one sync's literals in order. */
@FunctionalInterface
public interface CodecChooser {

  /** The codec for the next literal, of {@code rawLength} bytes. */
  LiteralCodec next(int rawLength);

  /** Always {@code codec}. */
  static CodecChooser always(LiteralCodec codec) {
    return rawLength -> codec;
  }
}
