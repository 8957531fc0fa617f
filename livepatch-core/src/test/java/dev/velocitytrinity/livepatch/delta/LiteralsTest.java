package dev.velocitytrinity.livepatch.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LiteralsTest {

  private static byte[] text(int seed) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      out.append("line ").append(i % (7 + seed)).append(" of file ").append(seed).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(
      value = LiteralCodec.class,
      names = {"ZSTD", "LZ4"})
  void decompressor_manyFramesThenATruncatedOne_decodesEachAndRejectsTheBadOne(LiteralCodec codec)
      throws Exception {
    try (Literals.Compressor compressor = new Literals.Compressor(CodecChooser.always(codec));
        Literals.Decompressor decompressor = new Literals.Decompressor()) {
      for (int seed = 0; seed < 20; seed++) {
        byte[] raw = text(seed);
        Literals.Encoded encoded = compressor.encode(raw, 0, raw.length);

        assertThat(encoded.codec()).isEqualTo(codec);
        assertThat(encoded.data().length).isLessThan(raw.length / 2);
        assertThat(decompressor.decode(encoded.data(), codec, encoded.rawLength())).isEqualTo(raw);
      }
      byte[] frame = compressor.encode(text(1), 0, text(1).length).data();
      // Cut short (a flipped byte may still decode: the content hash catches that, not the codec).
      byte[] corrupt = Arrays.copyOf(frame, frame.length / 2);

      assertThatThrownBy(() -> decompressor.decode(corrupt, codec, text(1).length))
          .isInstanceOf(DeltaException.class);
      // The context still works after a bad frame.
      byte[] raw = text(3);
      Literals.Encoded again = compressor.encode(raw, 0, raw.length);
      assertThat(decompressor.decode(again.data(), codec, again.rawLength())).isEqualTo(raw);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = LiteralCodec.class,
      names = {"ZSTD", "LZ4"})
  void decode_rawLengthOtherThanTheContent_isRejected(LiteralCodec codec) {
    byte[] raw = text(2);
    Literals.Encoded encoded;
    try (Literals.Compressor compressor = new Literals.Compressor(CodecChooser.always(codec))) {
      encoded = compressor.encode(raw, 0, raw.length);
    }

    assertThatThrownBy(() -> Literals.decode(encoded.data(), codec, raw.length + 1))
        .isInstanceOf(DeltaException.class);
    assertThatThrownBy(() -> Literals.decode(encoded.data(), codec, raw.length - 1))
        .isInstanceOf(DeltaException.class);
    assertThatThrownBy(() -> Literals.decode(encoded.data(), codec, DeltaEncoder.MAX_LITERAL + 1))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("exceeds the protocol limit");
  }

  @Test
  void encode_incompressibleData_staysRawWhateverTheCodec() {
    byte[] noise = new byte[8000];
    new Random(7).nextBytes(noise);
    try (Literals.Compressor compressor =
        new Literals.Compressor(CodecChooser.always(LiteralCodec.LZ4))) {
      Literals.Encoded encoded = compressor.encode(noise, 0, noise.length);

      assertThat(encoded.codec()).isEqualTo(LiteralCodec.RAW);
      assertThat(encoded.data()).isEqualTo(noise);
    }
  }

  @Property(tries = 200)
  void encodeThenDecode_anyBytesAnyCodec_givesTheBytesBack(
      @ForAll("literals") byte[] raw,
      @ForAll LiteralCodec codec,
      @ForAll @IntRange(max = 64) int skip)
      throws Exception {
    int offset = Math.min(skip, raw.length);
    try (Literals.Compressor compressor = new Literals.Compressor(CodecChooser.always(codec));
        Literals.Decompressor decompressor = new Literals.Decompressor()) {
      Literals.Encoded encoded = compressor.encode(raw, offset, raw.length - offset);

      assertThat(decompressor.decode(encoded.data(), encoded.codec(), encoded.rawLength()))
          .isEqualTo(Arrays.copyOfRange(raw, offset, raw.length));
    }
  }

  /** Random bytes, repetitive text, and mixtures, up to the protocol's largest literal. */
  @Provide
  Arbitrary<byte[]> literals() {
    Arbitrary<byte[]> noise =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(DeltaEncoder.MAX_LITERAL);
    Arbitrary<byte[]> repetitive =
        Arbitraries.integers()
            .between(0, 50)
            .flatMap(
                seed ->
                    Arbitraries.integers()
                        .between(0, DeltaEncoder.MAX_LITERAL)
                        .map(n -> Arrays.copyOf(text(seed), Math.min(n, text(seed).length))));
    return Arbitraries.oneOf(noise, repetitive);
  }
}
