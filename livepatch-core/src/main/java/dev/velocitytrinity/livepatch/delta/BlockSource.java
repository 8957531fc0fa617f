package dev.velocitytrinity.livepatch.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random access to the base file's bytes while patching. */
public interface BlockSource {

  long length() throws IOException;

  /** Reads exactly {@code length} bytes at {@code position} into {@code target}. */
  void read(long position, byte[] target, int length) throws IOException;

  static BlockSource of(byte[] data) {
    return new BlockSource() {
      @Override
      public long length() {
        return data.length;
      }

      @Override
      public void read(long position, byte[] target, int length) {
        System.arraycopy(data, (int) position, target, 0, length);
      }
    };
  }

  /** A source over an open channel; the caller keeps ownership and closes it. */
  static BlockSource of(FileChannel channel) {
    return new BlockSource() {
      @Override
      public long length() throws IOException {
        return channel.size();
      }

      @Override
      public void read(long position, byte[] target, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(target, 0, length);
        long at = position;
        while (buffer.hasRemaining()) {
          int n = channel.read(buffer, at);
          if (n < 0) {
            throw new IOException("base file is shorter than its signature");
          }
          at += n;
        }
      }
    };
  }
}
