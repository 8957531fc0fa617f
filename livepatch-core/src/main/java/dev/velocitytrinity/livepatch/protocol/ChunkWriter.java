package dev.velocitytrinity.livepatch.protocol;

import dev.velocitytrinity.livepatch.delta.DeltaSink;
import dev.velocitytrinity.livepatch.delta.Literals;
import dev.velocitytrinity.proto.livepatch.v1.CopyBlocks;
import dev.velocitytrinity.proto.livepatch.v1.DeltaChunk;
import dev.velocitytrinity.proto.livepatch.v1.DeltaOp;
import java.io.IOException;

/**
 * A {@link DeltaSink} that batches operations into {@link DeltaChunk} messages of about {@link
 * Protocol#CHUNK_BYTES}, compressing literals when it pays.
 */
public final class ChunkWriter implements DeltaSink {

  /** Where finished chunks go (the gRPC stream, with flow control). */
  public interface ChunkConsumer {
    void accept(DeltaChunk chunk) throws IOException;
  }

  private final int fileId;
  private final ChunkConsumer consumer;
  private final Literals.Compressor compressor;
  private DeltaChunk.Builder chunk;
  private int pending;
  private long literalBytesSent;

  /**
   * A writer compressing with {@code compressor} (shared by the caller's writers, one at a time).
   */
  public ChunkWriter(int fileId, ChunkConsumer consumer, Literals.Compressor compressor) {
    this.fileId = fileId;
    this.consumer = consumer;
    this.compressor = compressor;
    this.chunk = DeltaChunk.newBuilder().setId(fileId);
  }

  @Override
  public void copy(long firstBlock, int count) throws IOException {
    chunk.addOps(
        DeltaOp.newBuilder()
            .setCopy(CopyBlocks.newBuilder().setFirstBlock(firstBlock).setCount(count)));
    pending += 16;
    flushIfFull();
  }

  @Override
  public void literal(byte[] data, int offset, int length) throws IOException {
    Literals.Encoded encoded = compressor.encode(data, offset, length);
    chunk.addOps(DeltaOp.newBuilder().setLiteral(LiteralMessages.of(encoded)));
    pending += encoded.data().length;
    literalBytesSent += encoded.data().length;
    flushIfFull();
  }

  /** Sends whatever is batched. */
  public void flush() throws IOException {
    if (chunk.getOpsCount() > 0) {
      consumer.accept(chunk.build());
      chunk = DeltaChunk.newBuilder().setId(fileId);
      pending = 0;
    }
  }

  public long literalBytesSent() {
    return literalBytesSent;
  }

  private void flushIfFull() throws IOException {
    if (pending >= Protocol.CHUNK_BYTES) {
      flush();
    }
  }
}
