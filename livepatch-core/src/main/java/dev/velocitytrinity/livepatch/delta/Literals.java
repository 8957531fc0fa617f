package dev.velocitytrinity.livepatch.delta;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.util.Native;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Compresses literal runs with zstd or lz4 (as a {@link CodecChooser} picks) when that saves at
 * least a tenth of their size.
 */
public final class Literals {

  /** Below this, a frame's overhead eats the gain. */
  static final int MIN_COMPRESS = 128;

  private static final int ZSTD_LEVEL = 3;

  private Literals() {}

  /**
   * Loads zstd's native library (from java.library.path, where the packaged distribution unpacks
   * it, else zstd-jni copies it out of its jar), for a background thread at CLI start; calling it
   * is never required. lz4's is loaded when a sync first uses it: only large change sets do.
   */
  public static void warmUp() {
    Native.load();
  }

  /** A literal as sent: raw, or {@code rawLength} bytes compressed with {@code codec}. */
  public record Encoded(byte[] data, LiteralCodec codec, int rawLength) {}

  /** Encodes one literal with zstd; a {@link Compressor} encodes many with one zstd context. */
  public static Encoded encode(byte[] data, int offset, int length) {
    try (Compressor compressor = new Compressor()) {
      return compressor.encode(data, offset, length);
    }
  }

  /**
   * Encodes like {@link Literals#encode} with one zstd context and output buffer reused for every
   * literal, instead of a fresh context per call. Not thread-safe; close it when done.
   */
  public static final class Compressor implements AutoCloseable {
    private final CodecChooser chooser;
    // Made on first use: a change set of removals or small files never loads zstd.
    private ZstdCompressCtx zstd;
    private byte[] buffer = new byte[0];

    /** A compressor that always tries zstd. */
    public Compressor() {
      this(CodecChooser.always(LiteralCodec.ZSTD));
    }

    /** A compressor trying, for each literal, the codec {@code chooser} names. */
    public Compressor(CodecChooser chooser) {
      this.chooser = chooser;
    }

    public Encoded encode(byte[] data, int offset, int length) {
      Encoded encoded = compress(data, offset, length);
      chooser.encoded(encoded.data().length);
      return encoded;
    }

    private Encoded compress(byte[] data, int offset, int length) {
      if (length >= MIN_COMPRESS) {
        LiteralCodec codec = chooser.next(length);
        int packed =
            switch (codec) {
              case ZSTD -> zstd(data, offset, length);
              case LZ4 -> lz4(data, offset, length);
              case RAW -> length;
            };
        if (packed <= length - length / 10) {
          return new Encoded(Arrays.copyOf(buffer, packed), codec, length);
        }
      }
      return new Encoded(
          Arrays.copyOfRange(data, offset, offset + length), LiteralCodec.RAW, length);
    }

    private int zstd(byte[] data, int offset, int length) {
      if (zstd == null) {
        zstd = new ZstdCompressCtx();
        zstd.setLevel(ZSTD_LEVEL);
      }
      int bound = (int) Zstd.compressBound(length);
      ensureBuffer(bound);
      return zstd.compressByteArray(buffer, 0, bound, data, offset, length);
    }

    private int lz4(byte[] data, int offset, int length) {
      LZ4Compressor lz4 = Lz4.COMPRESSOR;
      int bound = lz4.maxCompressedLength(length);
      ensureBuffer(bound);
      return lz4.compress(data, offset, length, buffer, 0, bound);
    }

    private void ensureBuffer(int bound) {
      if (buffer.length < bound) {
        buffer = new byte[bound];
      }
    }

    @Override
    public void close() {
      if (zstd != null) {
        zstd.close();
      }
    }
  }

  public static byte[] decode(byte[] data, LiteralCodec codec, int rawLength)
      throws DeltaException {
    try (Decompressor decompressor = new Decompressor()) {
      return decompressor.decode(data, codec, rawLength);
    }
  }

  /**
   * Decodes like {@link Literals#decode} with one zstd context for every literal (a first sync of
   * thousands of small files spent a context per file). Not thread-safe; close it when done.
   */
  public static final class Decompressor implements AutoCloseable {
    // Made on first use: a change set without zstd literals never loads zstd.
    private ZstdDecompressCtx zstd;

    public byte[] decode(byte[] data, LiteralCodec codec, int rawLength) throws DeltaException {
      if (codec == LiteralCodec.RAW) {
        return data;
      }
      if (rawLength < 0 || rawLength > DeltaEncoder.MAX_LITERAL) {
        throw new DeltaException("literal of " + rawLength + " bytes exceeds the protocol limit");
      }
      return codec == LiteralCodec.ZSTD ? zstd(data, rawLength) : lz4(data, rawLength);
    }

    private byte[] zstd(byte[] data, int rawLength) throws DeltaException {
      try {
        if (zstd == null) {
          zstd = new ZstdDecompressCtx();
        }
        byte[] raw = zstd.decompress(data, rawLength);
        if (raw.length != rawLength) {
          throw new DeltaException("literal decompressed to the wrong length");
        }
        return raw;
      } catch (RuntimeException e) {
        throw new DeltaException("literal is not a valid zstd frame");
      }
    }

    private static byte[] lz4(byte[] data, int rawLength) throws DeltaException {
      byte[] raw = new byte[rawLength];
      int n;
      try {
        // The safe decompressor checks every offset against both buffers: the input is untrusted.
        n = Lz4.DECOMPRESSOR.decompress(data, 0, data.length, raw, 0, rawLength);
      } catch (LZ4Exception | IndexOutOfBoundsException e) {
        throw new DeltaException("literal is not a valid LZ4 block");
      }
      if (n != rawLength) {
        throw new DeltaException("literal decompressed to the wrong length");
      }
      return raw;
    }

    @Override
    public void close() {
      if (zstd != null) {
        zstd.close();
      }
    }
  }

  /**
   * lz4-java's JNI codec (its pure-Java one where the native library cannot load), set up at first
   * use; both are stateless and thread-safe.
   */
  private static final class Lz4 {
    private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
  }
}
