package dev.velocitytrinity.core.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * A run's standard output or error, sent to its client as frames. Once the run is over for the
 * client (it ended, or was cancelled and told so) the bytes are dropped, as they would be by a
 * process that had exited; a client that went away drops them too.
 */
final class FrameOutputStream extends OutputStream {

  private static final int MAX_PIECE = 64 << 10;

  private final FrameChannel frames;
  private final FrameType type;
  private final BooleanSupplier open;

  FrameOutputStream(FrameChannel frames, FrameType type, BooleanSupplier open) {
    this.frames = frames;
    this.type = type;
    this.open = open;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (!open.getAsBoolean()) {
      return;
    }
    try {
      for (int done = 0; done < length; done += MAX_PIECE) {
        frames.write(type, bytes, offset + done, Math.min(MAX_PIECE, length - done));
      }
    } catch (IOException e) {
      // The client went away; the reader has seen it too and cancels the run.
    }
  }
}
