package dev.velocitytrinity.livepatch.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiteralsTest {

  private static byte[] text(int seed) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      out.append("line ").append(i % (7 + seed)).append(" of file ").append(seed).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decompressor_manyFramesThenATruncatedOne_decodesEachAndRejectsTheBadOne() throws Exception {
    try (Literals.Compressor compressor = new Literals.Compressor();
        Literals.Decompressor decompressor = new Literals.Decompressor()) {
      for (int seed = 0; seed < 20; seed++) {
        byte[] raw = text(seed);
        Literals.Encoded encoded = compressor.encode(raw, 0, raw.length);

        assertThat(encoded.zstd()).isTrue();
        assertThat(decompressor.decode(encoded.data(), true, encoded.rawLength())).isEqualTo(raw);
      }
      byte[] frame = compressor.encode(text(1), 0, text(1).length).data();
      // Cut short (a flipped byte may still decode: the content hash catches that, not zstd).
      byte[] corrupt = java.util.Arrays.copyOf(frame, frame.length / 2);

      assertThatThrownBy(() -> decompressor.decode(corrupt, true, text(1).length))
          .isInstanceOf(DeltaException.class);
      // The context still works after a bad frame.
      byte[] raw = text(3);
      Literals.Encoded again = compressor.encode(raw, 0, raw.length);
      assertThat(decompressor.decode(again.data(), true, again.rawLength())).isEqualTo(raw);
    }
  }
}
