package dev.velocitytrinity.depci.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Reads and writes cache files. A cache needs no durability, only detection: a file is written to a
 * temporary sibling and renamed into place without {@code fsync} (two forced writes per run cost
 * more than the rest of a warm run's I/O), and carries a CRC-32C of its body, so a file torn by a
 * crash, or any other corruption, reads as absent and is recomputed.
 */
final class CacheFiles {

  private static final int TRAILER = Long.BYTES;

  private CacheFiles() {}

  /** The body of {@code file}; empty when it is missing, truncated or fails its checksum. */
  static Optional<byte[]> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (bytes.length < TRAILER) {
      return Optional.empty();
    }
    int length = bytes.length - TRAILER;
    long recorded = ByteBuffer.wrap(bytes, length, TRAILER).getLong();
    if (recorded != checksum(bytes, length)) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(bytes, length));
  }

  static void write(Path file, byte[] body) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] bytes = Arrays.copyOf(body, body.length + TRAILER);
    ByteBuffer.wrap(bytes, body.length, TRAILER).putLong(checksum(body, body.length));
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static long checksum(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }
}
