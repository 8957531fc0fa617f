package dev.velocitytrinity.livepatch.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeltaEncoderTest {

  @Test
  void forLength_smallAndHugeFiles_staysWithinBounds() {
    assertThat(BlockSizes.forLength(0)).isEqualTo(BlockSizes.MIN);
    assertThat(BlockSizes.forLength(1_000_000)).isEqualTo(4000);
    assertThat(BlockSizes.forLength(20L << 20)).isBetween(18_300, 18_330);
    assertThat(BlockSizes.forLength(1L << 40)).isEqualTo(BlockSizes.MAX);
  }

  @Test
  void encode_oneLineEditInLargeFile_sendsAboutOneBlock() throws IOException {
    byte[] base = DeltaRoundTripTest.text(7, 2_000_000);
    byte[] changed = base.clone();
    byte[] line = "changed line\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(line, 0, changed, 1_000_000, line.length);
    Signature signature = Signatures.of(new ByteArrayInputStream(base), base.length);

    DeltaStats stats =
        new DeltaEncoder(signature)
            .encode(new ByteArrayInputStream(changed), new DeltaRoundTripTest.CountingSink());

    assertThat(stats.literalBytes()).isLessThanOrEqualTo(2L * signature.blockSize());
    assertThat(stats.totalBytes()).isEqualTo(changed.length);
  }

  @Test
  void encode_streamLargerThanMemoryBudget_usesBoundedBuffers() throws IOException {
    // 256 MiB of generated data flows through; nothing holds more than a window of it.
    long length = 256L << 20;
    Signature signature = Signatures.of(new PatternStream(length, 1), length);
    DeltaStats stats =
        new DeltaEncoder(signature)
            .encode(new PatternStream(length, 1), new DeltaRoundTripTest.CountingSink());

    assertThat(signature.blockCount()).isLessThan(20_000);
    assertThat(stats.matchedBytes()).isEqualTo(length);
  }

  @Test
  void verify_corruptedLiteral_failsTheCheck() throws IOException {
    byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
    PatchWriter writer =
        new PatchWriter(BlockSource.of(new byte[0]), 8, new ByteArrayOutputStream());
    writer.literal("hello wOrld".getBytes(StandardCharsets.US_ASCII), 0, 11);

    assertThatThrownBy(() -> writer.verify(DeltaRoundTripTest.sha256(data)))
        .isInstanceOf(DeltaException.class)
        .hasMessageContaining("SHA-256");
  }

  @Test
  void copy_blockBeyondBase_isRejected() throws IOException {
    PatchWriter writer =
        new PatchWriter(BlockSource.of(new byte[10]), 8, new ByteArrayOutputStream());

    assertThatThrownBy(() -> writer.copy(2, 1)).isInstanceOf(DeltaException.class);
  }

  @Test
  void encode_textLiteral_isCompressed() {
    byte[] text = DeltaRoundTripTest.text(3, 8000);

    Literals.Encoded encoded = Literals.encode(text, 0, text.length);

    assertThat(encoded.codec()).isEqualTo(LiteralCodec.ZSTD);
    assertThat(encoded.data().length).isLessThan(text.length / 2);
  }

  @Test
  void encode_randomLiteral_staysRaw() {
    byte[] noise = new byte[8000];
    new Random(1).nextBytes(noise);

    Literals.Encoded encoded = Literals.encode(noise, 0, noise.length);

    assertThat(encoded.codec()).isEqualTo(LiteralCodec.RAW);
    assertThat(encoded.data()).isEqualTo(noise);
  }

  /** A long deterministic stream produced on the fly. */
  private static final class PatternStream extends InputStream {
    private final long length;
    private long position;
    private final Random random;

    PatternStream(long length, long seed) {
      this.length = length;
      this.random = new Random(seed);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - position);
      for (int i = 0; i < n; i++) {
        long p = position + i;
        b[off + i] = (byte) ((p * 31 + (p >>> 12) * 7 + (p >>> 20)) ^ (p >>> 8));
      }
      position += n;
      random.nextInt();
      return n;
    }
  }
}
