package dev.velocitytrinity.livepatch.protocol;

import java.util.List;

/** Protocol constants shared by both ends. */
public final class Protocol {

  /** The protocol version this build speaks. */
  public static final int VERSION = 1;

  /**
   * An agent with this capability checks a delta against {@code FileEnd.content_hash} (xxh3-128 of
   * the new content, known from the client's scan) when {@code sha256} is empty, so the client need
   * not hash the file again while it encodes the delta.
   */
  public static final String DELTA_CONTENT_HASH = "delta-content-hash";

  /** An agent with this capability takes small whole files in {@code FileBatch} messages. */
  public static final String FILE_BATCH = "file-batch";

  /** An agent with this capability decodes literals sent as LZ4 blocks ({@code Literal.lz4}). */
  public static final String LZ4 = "lz4";

  /** Capabilities this build offers. */
  public static final List<String> CAPABILITIES =
      List.of("delta", "zstd", "copy-from", DELTA_CONTENT_HASH, FILE_BATCH, LZ4);

  /** Whole files up to this size go in batches (when the agent takes them). */
  public static final long BATCHED_FILE_MAX = 64 * 1024;

  /** A batch is sent once its payload reaches this size. */
  public static final int BATCH_BYTES = 256 * 1024;

  /** Entries per manifest page and blocks per signature message keep messages ≤ ~1 MiB. */
  public static final int MANIFEST_PAGE = 2000;

  public static final int SIGNATURE_PAGE = 32 * 1024;

  /** Path text per signature request (the agent takes messages of at most 2 MiB). */
  public static final int SIGNATURE_REQUEST_BYTES = 512 * 1024;

  /** A delta chunk is sent once its payload reaches this size. */
  public static final int CHUNK_BYTES = 256 * 1024;

  /** Files smaller than this are always sent whole: a signature would cost more. */
  public static final long WHOLE_FILE_THRESHOLD = 8 * 1024;

  private Protocol() {}
}
