package dev.velocitytrinity.livepatch.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** patch(base, delta(sig(base), new)) == new, for random files and random edits. */
class DeltaRoundTripTest {

  enum Kind {
    INSERT,
    DELETE,
    REPLACE,
    APPEND,
    TRUNCATE,
    SHUFFLE
  }

  record Edit(Kind kind, double where, int length, long seed) {}

  @Property(tries = 300)
  void patch_randomEditsSmallBlocks_rebuildsNewFile(
      @ForAll("texts") byte[] base,
      @ForAll("edits") List<Edit> edits,
      @ForAll @IntRange(min = 4, max = 96) int blockSize)
      throws IOException {
    byte[] changed = apply(base, edits);

    byte[] rebuilt = roundTrip(base, changed, blockSize);

    assertThat(rebuilt).isEqualTo(changed);
  }

  @Property(tries = 60)
  void patch_randomEditsDefaultBlockSize_rebuildsNewFile(
      @ForAll("largeTexts") byte[] base, @ForAll("edits") List<Edit> edits) throws IOException {
    byte[] changed = apply(base, edits);

    byte[] rebuilt = roundTrip(base, changed, BlockSizes.forLength(base.length));

    assertThat(rebuilt).isEqualTo(changed);
  }

  @Property(tries = 50)
  void encode_unchangedFile_sendsNoLiterals(@ForAll("largeTexts") byte[] base) throws IOException {
    Signature signature =
        Signatures.of(new ByteArrayInputStream(base), base.length, BlockSizes.MIN);

    DeltaStats stats =
        new DeltaEncoder(signature).encode(new ByteArrayInputStream(base), new CountingSink());

    assertThat(stats.literalBytes()).isZero();
    assertThat(stats.matchedBytes()).isEqualTo(base.length);
  }

  @Provide
  Arbitrary<byte[]> texts() {
    return Arbitraries.longs()
        .flatMap(seed -> Arbitraries.integers().between(0, 4000).map(size -> text(seed, size)));
  }

  @Provide
  Arbitrary<byte[]> largeTexts() {
    return Arbitraries.longs()
        .flatMap(seed -> Arbitraries.integers().between(0, 400_000).map(size -> text(seed, size)));
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 3000),
                Arbitraries.longs())
            .as(Edit::new);
    return edit.list().ofMaxSize(6);
  }

  static byte[] roundTrip(byte[] base, byte[] changed, int blockSize) throws IOException {
    Signature signature = Signatures.of(new ByteArrayInputStream(base), base.length, blockSize);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PatchWriter patch = new PatchWriter(BlockSource.of(base), blockSize, out);
    new DeltaEncoder(signature)
        .encode(new ByteArrayInputStream(changed), new LiteralCodecSink(patch));
    patch.verify(sha256(changed));
    return out.toByteArray();
  }

  static byte[] sha256(byte[] data) {
    return PatchWriter.sha256().digest(data);
  }

  /** Text-like content: lines drawn from a small vocabulary, so blocks repeat. */
  static byte[] text(long seed, int size) {
    Random random = new Random(seed);
    String[] words = {"let ", "x", " = ", "foo", "bar();", "\n", "  ", "return ", "{", "}", "42"};
    StringBuilder sb = new StringBuilder(size + 16);
    while (sb.length() < size) {
      if (random.nextInt(20) == 0) {
        sb.append((char) ('a' + random.nextInt(26)));
      } else {
        sb.append(words[random.nextInt(words.length)]);
      }
    }
    sb.setLength(size);
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  static byte[] apply(byte[] base, List<Edit> edits) {
    byte[] data = base;
    for (Edit edit : edits) {
      int at = (int) (edit.where() * data.length);
      Random random = new Random(edit.seed());
      byte[] fresh = new byte[edit.length()];
      random.nextBytes(fresh);
      data =
          switch (edit.kind()) {
            case INSERT -> concat(slice(data, 0, at), fresh, slice(data, at, data.length));
            case DELETE ->
                concat(
                    slice(data, 0, at),
                    slice(data, Math.min(data.length, at + edit.length()), data.length));
            case REPLACE -> {
              byte[] copy = data.clone();
              for (int i = at; i < Math.min(copy.length, at + edit.length()); i++) {
                copy[i] = fresh[i - at];
              }
              yield copy;
            }
            case APPEND -> concat(data, fresh);
            case TRUNCATE -> slice(data, 0, at);
            case SHUFFLE -> shuffle(data, random);
          };
    }
    return data;
  }

  private static byte[] shuffle(byte[] data, Random random) {
    List<byte[]> pieces = new ArrayList<>();
    int piece = Math.max(1, data.length / 5);
    for (int i = 0; i < data.length; i += piece) {
      pieces.add(slice(data, i, Math.min(data.length, i + piece)));
    }
    Collections.shuffle(pieces, random);
    return concat(pieces.toArray(new byte[0][]));
  }

  private static byte[] slice(byte[] data, int from, int to) {
    return java.util.Arrays.copyOfRange(data, from, to);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Routes literals through the zstd codec, as the wire does. */
  record LiteralCodecSink(DeltaSink target) implements DeltaSink {
    @Override
    public void copy(long firstBlock, int count) throws IOException {
      target.copy(firstBlock, count);
    }

    @Override
    public void literal(byte[] data, int offset, int length) throws IOException {
      Literals.Encoded encoded = Literals.encode(data, offset, length);
      byte[] raw = Literals.decode(encoded.data(), encoded.codec(), encoded.rawLength());
      target.literal(raw, 0, raw.length);
    }
  }

  static final class CountingSink implements DeltaSink {
    @Override
    public void copy(long firstBlock, int count) {}

    @Override
    public void literal(byte[] data, int offset, int length) {}
  }
}
