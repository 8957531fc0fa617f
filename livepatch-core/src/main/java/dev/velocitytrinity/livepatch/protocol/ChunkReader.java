package dev.velocitytrinity.livepatch.protocol;

import dev.velocitytrinity.livepatch.delta.DeltaException;
import dev.velocitytrinity.livepatch.delta.DeltaSink;
import dev.velocitytrinity.livepatch.delta.Literals;
import dev.velocitytrinity.proto.livepatch.v1.DeltaChunk;
import dev.velocitytrinity.proto.livepatch.v1.DeltaOp;
import java.io.IOException;

/** Replays a {@link DeltaChunk} into a {@link DeltaSink}. */
public final class ChunkReader {

  private ChunkReader() {}

  /**
   * Returns the number of raw bytes the chunk's literals carry, decompressing them with the
   * caller's context (one per sync).
   */
  public static long replay(DeltaChunk chunk, DeltaSink sink, Literals.Decompressor decompressor)
      throws IOException {
    long literalBytes = 0;
    for (DeltaOp op : chunk.getOpsList()) {
      switch (op.getOpCase()) {
        case COPY -> sink.copy(op.getCopy().getFirstBlock(), op.getCopy().getCount());
        case LITERAL -> {
          byte[] raw = LiteralMessages.decode(op.getLiteral(), decompressor);
          sink.literal(raw, 0, raw.length);
          literalBytes += raw.length;
        }
        default -> throw new DeltaException("unknown delta operation");
      }
    }
    return literalBytes;
  }
}
