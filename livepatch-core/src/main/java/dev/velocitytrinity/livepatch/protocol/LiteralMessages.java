package dev.velocitytrinity.livepatch.protocol;

import com.google.protobuf.UnsafeByteOperations;
import dev.velocitytrinity.livepatch.delta.DeltaException;
import dev.velocitytrinity.livepatch.delta.LiteralCodec;
import dev.velocitytrinity.livepatch.delta.Literals;
import dev.velocitytrinity.proto.livepatch.v1.Literal;

/** {@link Literal} messages to and from {@link Literals}' encoding. */
public final class LiteralMessages {

  private LiteralMessages() {}

  public static Literal.Builder of(Literals.Encoded encoded) {
    return Literal.newBuilder()
        // Literals' encoders return a fresh array that nothing else writes to: no copy needed.
        .setData(UnsafeByteOperations.unsafeWrap(encoded.data()))
        .setZstd(encoded.codec() == LiteralCodec.ZSTD)
        .setLz4(encoded.codec() == LiteralCodec.LZ4)
        .setRawLength(encoded.rawLength());
  }

  /** The literal's raw bytes, decompressed with the caller's context. */
  public static byte[] decode(Literal literal, Literals.Decompressor decompressor)
      throws DeltaException {
    return decompressor.decode(
        literal.getData().toByteArray(), codec(literal), literal.getRawLength());
  }

  private static LiteralCodec codec(Literal literal) throws DeltaException {
    if (literal.getZstd() && literal.getLz4()) {
      throw new DeltaException("literal claims two codecs (zstd and lz4)");
    }
    if (literal.getZstd()) {
      return LiteralCodec.ZSTD;
    }
    return literal.getLz4() ? LiteralCodec.LZ4 : LiteralCodec.RAW;
  }
}
