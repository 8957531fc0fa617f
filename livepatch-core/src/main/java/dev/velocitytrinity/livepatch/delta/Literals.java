package dev.velocitytrinity.livepatch.delta;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.util.Native;
import java.util.Arrays;

/** Compresses literal runs with zstd when that saves at least a tenth of their size. */
public final class Literals {

  /** Below this, a zstd frame's overhead eats the gain. */
  static final int MIN_COMPRESS = 128;

  private static final int LEVEL = 3;

  private Literals() {}

  /**
   * Loads zstd's native library (from java.library.path, where the packaged distribution unpacks
   * it, else zstd-jni copies it out of its jar), for a background thread at CLI start; calling it
   * is never required.
   */
  public static void warmUp() {
    Native.load();
  }

  /** A literal as sent: raw, or a zstd frame of {@code rawLength} bytes. */
  public record Encoded(byte[] data, boolean zstd, int rawLength) {}

  /** Encodes one literal; a {@link Compressor} encodes many with one zstd context. */
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
    // Made on first use: a change set of removals or small files never loads zstd.
    private ZstdCompressCtx context;
    private byte[] buffer = new byte[0];

    public Encoded encode(byte[] data, int offset, int length) {
      if (length >= MIN_COMPRESS) {
        if (context == null) {
          context = new ZstdCompressCtx();
          context.setLevel(LEVEL);
        }
        int bound = (int) Zstd.compressBound(length);
        if (buffer.length < bound) {
          buffer = new byte[bound];
        }
        int packed = context.compressByteArray(buffer, 0, bound, data, offset, length);
        if (packed <= length - length / 10) {
          return new Encoded(Arrays.copyOf(buffer, packed), true, length);
        }
      }
      return new Encoded(Arrays.copyOfRange(data, offset, offset + length), false, length);
    }

    @Override
    public void close() {
      if (context != null) {
        context.close();
      }
    }
  }

  public static byte[] decode(byte[] data, boolean zstd, int rawLength) throws DeltaException {
    try (Decompressor decompressor = new Decompressor()) {
      return decompressor.decode(data, zstd, rawLength);
    }
  }

  /**
   * Decodes like {@link Literals#decode} with one zstd context for every literal (a first sync of
   * thousands of small files spent a context per file). Not thread-safe; close it when done.
   */
  public static final class Decompressor implements AutoCloseable {
    // Made on first use: a change set without compressed literals never loads zstd.
    private ZstdDecompressCtx context;

    public byte[] decode(byte[] data, boolean zstd, int rawLength) throws DeltaException {
      if (!zstd) {
        return data;
      }
      if (rawLength < 0 || rawLength > DeltaEncoder.MAX_LITERAL) {
        throw new DeltaException("literal of " + rawLength + " bytes exceeds the protocol limit");
      }
      try {
        if (context == null) {
          context = new ZstdDecompressCtx();
        }
        byte[] raw = context.decompress(data, rawLength);
        if (raw.length != rawLength) {
          throw new DeltaException("literal decompressed to the wrong length");
        }
        return raw;
      } catch (RuntimeException e) {
        throw new DeltaException("literal is not a valid zstd frame");
      }
    }

    @Override
    public void close() {
      if (context != null) {
        context.close();
      }
    }
  }
}
