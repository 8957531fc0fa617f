package dev.velocitytrinity.livepatch.delta;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;

/** The strong per-block hash and the content hash of whole files: xxh3-128 (hash4j). */
public final class StrongHash {

  private static final Hasher128 XXH3_128 = Hashing.xxh3_128();

  private StrongHash() {}

  static HashValue128 of(byte[] data, int offset, int length) {
    return XXH3_128.hashBytesTo128Bits(data, offset, length);
  }

  /** A fresh streaming hasher for a whole file's content. */
  public static HashStream128 stream() {
    return XXH3_128.hashStream();
  }

  /** The 16-byte big-endian form of a streaming hash's current value. */
  public static byte[] bytes(HashStream128 stream) {
    return stream.get().toByteArray();
  }
}
