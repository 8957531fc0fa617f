package dev.velocitytrinity.livepatch.client;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.google.protobuf.ByteString;
import dev.velocitytrinity.livepatch.delta.CodecChooser;
import dev.velocitytrinity.livepatch.delta.DeltaEncoder;
import dev.velocitytrinity.livepatch.delta.Literals;
import dev.velocitytrinity.livepatch.delta.StrongHash;
import dev.velocitytrinity.livepatch.protocol.ChunkWriter;
import dev.velocitytrinity.livepatch.protocol.LiteralMessages;
import dev.velocitytrinity.livepatch.protocol.Manifests;
import dev.velocitytrinity.livepatch.protocol.Protocol;
import dev.velocitytrinity.livepatch.tree.EntryKind;
import dev.velocitytrinity.livepatch.tree.TreeEntry;
import dev.velocitytrinity.proto.livepatch.v1.BatchedFile;
import dev.velocitytrinity.proto.livepatch.v1.FileEnd;
import dev.velocitytrinity.proto.livepatch.v1.FileStart;
import dev.velocitytrinity.proto.livepatch.v1.SyncRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/**
 * Reads, hashes and compresses the whole files of a change set into the messages that send them,
 * off the sending thread: on one thread that work was a first sync's bottleneck. Small files become
 * {@link BatchedFile}s, files up to {@link #PREPARED_MAX} their FileStart, chunks and FileEnd;
 * anything else (a directory, a symlink, a copy, a delta, a larger file) is left to the sender,
 * which streams it. Each running task borrows one of the preparer's compressors, all sharing the
 * sync's {@link CodecChooser}.
 */
final class UpsertPreparer implements AutoCloseable {

  /** Whole files up to this size are prepared in memory; larger ones are streamed by the sender. */
  static final long PREPARED_MAX = 4L << 20;

  private static final HexFormat HEX = HexFormat.of();

  /** What sending one upsert takes. */
  sealed interface Prepared {
    /** A small whole file for a FileBatch. */
    record Batched(BatchedFile file) implements Prepared {}

    /** A whole file's messages, with the literal bytes they carry and the hash of what was read. */
    record Messages(List<SyncRequest> messages, long literalBytes, String sentHash)
        implements Prepared {}

    /** Left to the sender. */
    record Streamed() implements Prepared {}
  }

  private final Path localDir;
  private final boolean fileBatches;
  private final BlockingQueue<Literals.Compressor> compressors;
  private final List<Literals.Compressor> all = new ArrayList<>();

  /**
   * @param fileBatches whether the agent takes FileBatch messages
   * @param concurrency how many tasks may run at once (one compressor each)
   */
  UpsertPreparer(Path localDir, boolean fileBatches, CodecChooser codecs, int concurrency) {
    this.localDir = localDir;
    this.fileBatches = fileBatches;
    this.compressors = new ArrayBlockingQueue<>(concurrency);
    for (int i = 0; i < concurrency; i++) {
      Literals.Compressor compressor = new Literals.Compressor(codecs);
      all.add(compressor);
      compressors.add(compressor);
    }
  }

  /** The task preparing {@code entry}, sent as file {@code id} unless streamed. */
  Callable<Prepared> task(TreeEntry entry, int id, boolean deltaOrCopy) {
    if (entry.kind() != EntryKind.FILE || deltaOrCopy || entry.size() > PREPARED_MAX) {
      Prepared streamed = new Prepared.Streamed();
      return () -> streamed;
    }
    return () -> {
      Literals.Compressor compressor = compressors.take();
      try {
        return prepare(entry, id, compressor);
      } finally {
        compressors.add(compressor);
      }
    };
  }

  private Prepared prepare(TreeEntry entry, int id, Literals.Compressor compressor)
      throws IOException {
    Path file = localDir.resolve(entry.path());
    byte[] content;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      content = in.readNBytes((int) PREPARED_MAX + 1);
    }
    if (content.length > PREPARED_MAX) {
      return new Prepared.Streamed(); // grew since the scan: the sender streams it
    }
    HashStream128 hash = StrongHash.stream();
    hash.putBytes(content);
    byte[] sentHash = StrongHash.bytes(hash);
    if (fileBatches && content.length <= Protocol.BATCHED_FILE_MAX) {
      BatchedFile.Builder batched =
          BatchedFile.newBuilder()
              .setStart(
                  fileStart(entry, id)
                      .setSize(content.length)
                      .setContentHash(ByteString.copyFrom(sentHash))
                      .setWhole(true));
      if (content.length > 0) {
        batched.setContent(LiteralMessages.of(compressor.encode(content, 0, content.length)));
      }
      return new Prepared.Batched(batched.build());
    }
    // As the sender streams a whole file, from memory: checked with the hash of what was read.
    List<SyncRequest> messages = new ArrayList<>();
    messages.add(
        SyncRequest.newBuilder()
            .setFileStart(
                fileStart(entry, id)
                    // What is sent, should the file have changed since the scan.
                    .setSize(content.length)
                    .setContentHash(ByteString.copyFrom(HEX.parseHex(entry.contentHash())))
                    .setWhole(true))
            .build());
    ChunkWriter chunks =
        new ChunkWriter(
            id,
            chunk -> messages.add(SyncRequest.newBuilder().setChunk(chunk).build()),
            compressor);
    for (int offset = 0; offset < content.length; offset += DeltaEncoder.MAX_LITERAL) {
      chunks.literal(content, offset, Math.min(DeltaEncoder.MAX_LITERAL, content.length - offset));
    }
    chunks.flush();
    messages.add(
        SyncRequest.newBuilder()
            .setFileEnd(
                FileEnd.newBuilder().setId(id).setContentHash(ByteString.copyFrom(sentHash)))
            .build());
    return new Prepared.Messages(messages, chunks.literalBytesSent(), HEX.formatHex(sentHash));
  }

  static FileStart.Builder fileStart(TreeEntry entry, int id) {
    return FileStart.newBuilder()
        .setId(id)
        .setPath(entry.path())
        .setKind(Manifests.toProto(entry.kind()))
        .setMode(entry.mode())
        .setMtimeMillis(entry.mtimeMillis())
        .setSize(entry.size())
        .setLinkTarget(entry.linkTarget());
  }

  /** Closes the compressors; the caller first makes sure no task runs (see {@link Lookahead}). */
  @Override
  public void close() {
    for (Literals.Compressor compressor : all) {
      compressor.close();
    }
  }
}
