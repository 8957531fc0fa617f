package dev.velocitytrinity.livepatch.delta;

import java.io.IOException;

/** Receives delta operations in order: copies of base blocks and literal bytes. */
public interface DeltaSink {

  /** Copy {@code count} consecutive base blocks starting at {@code firstBlock}. */
  void copy(long firstBlock, int count) throws IOException;

  /** Literal bytes; the sink must not keep a reference to {@code data}. */
  void literal(byte[] data, int offset, int length) throws IOException;
}
