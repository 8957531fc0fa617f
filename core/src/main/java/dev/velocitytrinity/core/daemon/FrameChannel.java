package dev.velocitytrinity.core.daemon;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Frames over a connected Unix domain socket: a type byte, a 4-byte length, the payload. One thread
 * reads while others write: the socket channel's own read and write paths take separate locks
 * (unlike {@code Channels.newInputStream}, whose reads would hold the lock writes need, so a cancel
 * could not be sent while the reader waits for output).
 */
final class FrameChannel implements Closeable {

  /** Far above any frame either side sends (output is sent in pieces of at most 64 KiB). */
  static final int MAX_PAYLOAD = 16 << 20;

  private final SocketChannel channel;
  private final ByteBuffer readHeader = ByteBuffer.allocate(5);
  private final ByteBuffer writeHeader = ByteBuffer.allocate(5);

  FrameChannel(SocketChannel channel) {
    this.channel = channel;
  }

  SocketChannel channel() {
    return channel;
  }

  void write(FrameType type) throws IOException {
    write(type, new byte[0], 0, 0);
  }

  void write(FrameType type, byte[] payload) throws IOException {
    write(type, payload, 0, payload.length);
  }

  synchronized void write(FrameType type, byte[] payload, int offset, int length)
      throws IOException {
    writeHeader.clear();
    writeHeader.put(type.code).putInt(length).flip();
    ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
    ByteBuffer[] buffers = {writeHeader, body};
    while (writeHeader.hasRemaining() || body.hasRemaining()) {
      channel.write(buffers);
    }
  }

  /** The next frame, or null if the other side closed the connection between frames. */
  Frame read() throws IOException {
    readHeader.clear();
    if (!fill(readHeader, true)) {
      return null;
    }
    readHeader.flip();
    FrameType type;
    try {
      type = FrameType.of(readHeader.get());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(e.getMessage());
    }
    int length = readHeader.getInt();
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new ProtocolException("frame of " + length + " bytes");
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    fill(payload, false);
    return new Frame(type, payload.array());
  }

  private boolean fill(ByteBuffer buffer, boolean endAllowed) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        if (endAllowed && buffer.position() == 0) {
          return false;
        }
        throw new EOFException("connection closed inside a frame");
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
