package dev.velocitytrinity.livepatch.agent.server;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.google.protobuf.ByteString;
import dev.velocitytrinity.livepatch.agent.apply.AgentRoot;
import dev.velocitytrinity.livepatch.agent.apply.ChangeRejectedException;
import dev.velocitytrinity.livepatch.agent.apply.ChangeSetStage;
import dev.velocitytrinity.livepatch.delta.BlockSizes;
import dev.velocitytrinity.livepatch.delta.BlockSource;
import dev.velocitytrinity.livepatch.delta.DeltaException;
import dev.velocitytrinity.livepatch.delta.DeltaSink;
import dev.velocitytrinity.livepatch.delta.Literals;
import dev.velocitytrinity.livepatch.delta.PatchWriter;
import dev.velocitytrinity.livepatch.delta.Signature;
import dev.velocitytrinity.livepatch.delta.Signatures;
import dev.velocitytrinity.livepatch.delta.StrongHash;
import dev.velocitytrinity.livepatch.protocol.ChunkReader;
import dev.velocitytrinity.livepatch.protocol.LiteralMessages;
import dev.velocitytrinity.livepatch.protocol.Manifests;
import dev.velocitytrinity.livepatch.protocol.Protocol;
import dev.velocitytrinity.livepatch.protocol.SignaturePages;
import dev.velocitytrinity.livepatch.tree.EntryKind;
import dev.velocitytrinity.livepatch.tree.HashCache;
import dev.velocitytrinity.livepatch.tree.IgnoreRules;
import dev.velocitytrinity.livepatch.tree.TreeEntry;
import dev.velocitytrinity.livepatch.tree.TreePaths;
import dev.velocitytrinity.livepatch.tree.TreeScanner;
import dev.velocitytrinity.livepatch.tree.TreeSnapshot;
import dev.velocitytrinity.livepatch.tree.UnsafePathException;
import dev.velocitytrinity.proto.livepatch.v1.BatchedFile;
import dev.velocitytrinity.proto.livepatch.v1.Begin;
import dev.velocitytrinity.proto.livepatch.v1.Committed;
import dev.velocitytrinity.proto.livepatch.v1.FileBatch;
import dev.velocitytrinity.proto.livepatch.v1.FileEnd;
import dev.velocitytrinity.proto.livepatch.v1.FileResult;
import dev.velocitytrinity.proto.livepatch.v1.FileStart;
import dev.velocitytrinity.proto.livepatch.v1.Hello;
import dev.velocitytrinity.proto.livepatch.v1.ManifestPage;
import dev.velocitytrinity.proto.livepatch.v1.SyncRequest;
import dev.velocitytrinity.proto.livepatch.v1.SyncResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Sync call. gRPC delivers its messages one at a time, so the state needs no locking; the
 * root's lock is held from Begin until the call ends, so two change sets never interleave. Inbound,
 * once Begin holds the lock, {@link #REQUESTED_AHEAD} messages are requested beyond the one being
 * handled, so the next ones are decoded off the network while this one is written to staging (with
 * gRPC's automatic flow control each message waited for the previous one's write and two thread
 * hand-offs). A call waiting for the lock has none requested, so memory stays bounded by that many
 * messages of at most {@code Transports.MAX_REQUEST_BYTES} for the one call that writes. Outbound,
 * manifest pages and signatures are produced only while the transport is ready (see {@link
 * #drain}).
 */
final class SyncSession implements StreamObserver<SyncRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(SyncSession.class);
  private static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

  /** Messages requested beyond the one being handled, once the call holds the root's lock. */
  static final int REQUESTED_AHEAD = 8;

  private final AgentRoot root;
  private final AgentSettings settings;
  private final Clock clock;
  private final String client;
  private final StreamObserver<SyncResponse> out;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Set<String> resend = new LinkedHashSet<>();
  private final List<FileResult> results = new ArrayList<>();

  /** One zstd context for every literal of the call (closed in {@link #finish}). */
  private final Literals.Decompressor decompressor = new Literals.Decompressor();

  /** What this set removes and puts, relative to the destination, as the tree will list it. */
  private final List<String> removedPaths = new ArrayList<>();

  private final List<TreeEntry> upserted = new ArrayList<>();
  private boolean locked;
  private String destPrefix = "";
  private Path destDir;
  private TreeSnapshot current;
  private ChangeSetStage stage;
  private OpenFile open;
  private final Deque<SyncResponse> outbox = new ArrayDeque<>();
  private final Deque<String> signatureQueue = new ArrayDeque<>();
  private Iterator<TreeEntry> manifestCursor;

  /** The file being received. */
  private static final class OpenFile {
    final FileStart start;
    final String path;
    final Path staged;
    final OutputStream stream;
    final FileChannel base;
    final PatchWriter writer;

    /** xxh3-128 of the bytes actually written to the staged file, whatever the source. */
    final HashStream128 writtenHash;

    OpenFile(
        FileStart start,
        String path,
        Path staged,
        OutputStream stream,
        FileChannel base,
        PatchWriter writer,
        HashStream128 writtenHash) {
      this.start = start;
      this.writtenHash = writtenHash;
      this.path = path;
      this.staged = staged;
      this.stream = stream;
      this.base = base;
      this.writer = writer;
    }
  }

  /** Hashes what passes through it on the way to the file. */
  private static final class HashingOutputStream extends FilterOutputStream {
    private final HashStream128 hash;

    HashingOutputStream(OutputStream out, HashStream128 hash) {
      super(out);
      this.hash = hash;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      hash.putByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      hash.putBytes(b, off, len);
    }
  }

  SyncSession(
      AgentRoot root,
      AgentSettings settings,
      Clock clock,
      String client,
      StreamObserver<SyncResponse> out) {
    this.root = root;
    this.settings = settings;
    this.clock = clock;
    this.client = client;
    this.out = out;
    if (out instanceof ServerCallStreamObserver<SyncResponse> server) {
      server.setOnReadyHandler(() -> guarded(this::drain));
      server.disableAutoRequest();
      server.request(1); // Begin; more once it holds the lock
    }
  }

  @Override
  public void onNext(SyncRequest request) {
    if (finished.get()) {
      return;
    }
    guarded(
        () -> {
          switch (request.getKindCase()) {
            case BEGIN -> begin(request.getBegin());
            case MANIFEST_REQUEST -> manifest();
            case SIGNATURE_REQUEST -> signatures(request.getSignatureRequest().getPathsList());
            case FILE_START -> fileStart(request.getFileStart());
            case CHUNK -> chunk(request.getChunk().getId(), request);
            case FILE_END -> fileEnd(request.getFileEnd());
            case FILE_BATCH -> fileBatch(request.getFileBatch());
            case REMOVE -> remove(request.getRemove().getPath());
            case COMMIT -> commit();
            default -> throw new ChangeRejectedException("unknown message");
          }
        });
    if (out instanceof ServerCallStreamObserver<SyncResponse> server) {
      server.request(1); // the one just handled
    }
  }

  /** Work done for this call, on gRPC's serialized callbacks. */
  private interface Step {
    void run() throws ChangeRejectedException, IOException, InterruptedException;
  }

  /** Runs a step, turning its failure into the call's status. */
  private void guarded(Step step) {
    try {
      step.run();
    } catch (ChangeRejectedException | UnsafePathException e) {
      fail(Status.FAILED_PRECONDITION.withDescription(e.getMessage()));
    } catch (DeltaException e) {
      fail(Status.DATA_LOSS.withDescription(e.getMessage()));
    } catch (IOException e) {
      LOG.error("sync from '{}' failed: {}", client, e.toString());
      fail(Status.INTERNAL.withDescription("agent could not write: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(Status.CANCELLED.withDescription("agent is shutting down"));
    } catch (RuntimeException e) {
      LOG.error("sync from '{}' failed", client, e);
      fail(Status.INTERNAL.withDescription("agent error: " + e));
    }
  }

  /**
   * Sends queued responses while the transport is ready, producing manifest pages and signatures
   * only as they can be sent, so a large tree or file never piles up in memory or in Netty.
   */
  private void drain() throws ChangeRejectedException, IOException {
    while (!finished.get() && ready()) {
      SyncResponse next = outbox.poll();
      if (next == null && !refill()) {
        return;
      }
      if (next != null) {
        out.onNext(next);
      }
    }
  }

  private boolean ready() {
    return !(out instanceof ServerCallStreamObserver<SyncResponse> server) || server.isReady();
  }

  /** Produces the next outbound message(s); false when nothing is left to produce. */
  private boolean refill() throws ChangeRejectedException, IOException {
    if (manifestCursor != null) {
      ManifestPage.Builder page = ManifestPage.newBuilder();
      while (manifestCursor.hasNext() && page.getEntriesCount() < Protocol.MANIFEST_PAGE) {
        page.addEntries(Manifests.toProto(manifestCursor.next()));
      }
      if (!manifestCursor.hasNext()) {
        page.setLast(true);
        manifestCursor = null;
      }
      outbox.add(SyncResponse.newBuilder().setManifestPage(page).build());
      return true;
    }
    String path = signatureQueue.poll();
    if (path != null) {
      for (var page : SignaturePages.split(path, signature(path))) {
        outbox.add(SyncResponse.newBuilder().setSignature(page).build());
      }
      return true;
    }
    return false;
  }

  /** Sends a control message now, after everything queued before it. */
  private void sendNow(SyncResponse response) {
    while (!outbox.isEmpty()) {
      out.onNext(outbox.poll());
    }
    out.onNext(response);
  }

  private void begin(Begin begin)
      throws ChangeRejectedException, IOException, InterruptedException {
    if (locked) {
      throw new ChangeRejectedException("Begin sent twice");
    }
    if (!begin.getProtocolVersionsList().contains(Protocol.VERSION)) {
      fail(
          Status.FAILED_PRECONDITION.withDescription(
              "agent speaks protocol v"
                  + Protocol.VERSION
                  + ", client offers "
                  + begin.getProtocolVersionsList()));
      return;
    }
    String dest = begin.getDest();
    if (!dest.isEmpty()) {
      TreePaths.check(dest);
      destDir = root.resolve(dest);
      destPrefix = dest + "/";
    } else {
      destDir = root.path();
    }
    if (!root.tryLock(settings.lockTimeout())) {
      fail(Status.ABORTED.withDescription("another sync into this root is still running"));
      return;
    }
    locked = true;
    if (out instanceof ServerCallStreamObserver<SyncResponse> server) {
      server.request(REQUESTED_AHEAD);
    }
    if (!dest.isEmpty()) {
      Files.createDirectories(destDir);
    }
    current = scan();
    stage = new ChangeSetStage(root, settings.limits(), newId());
    LOG.info("sync {} from '{}' into /{}", stage.id(), client, dest);
    sendNow(
        SyncResponse.newBuilder()
            .setHello(
                Hello.newBuilder()
                    .setProtocolVersion(Protocol.VERSION)
                    .setAgentVersion(version())
                    .addAllCapabilities(Protocol.CAPABILITIES)
                    .setRootId(root.id())
                    .setTreeHash(ByteString.copyFrom(current.treeHash())))
            .build());
  }

  private void manifest() throws ChangeRejectedException, IOException {
    requireBegun();
    manifestCursor = new ArrayList<>(current.entries().values()).iterator();
    drain();
  }

  private void signatures(List<String> paths) throws ChangeRejectedException, IOException {
    requireBegun();
    for (String path : paths) {
      root.resolve(destPrefix + TreePaths.check(path));
      signatureQueue.add(path);
    }
    drain();
  }

  private Signature signature(String path) throws ChangeRejectedException, IOException {
    Path file = root.resolve(destPrefix + path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Signature(BlockSizes.MIN, 0, new int[0], new long[0], new long[0]);
    }
    long length = Files.size(file);
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return Signatures.of(in, length);
    }
  }

  private void fileStart(FileStart start) throws ChangeRejectedException, IOException {
    requireBegun();
    if (open != null) {
      throw new ChangeRejectedException("file " + open.path + " was not ended");
    }
    String path = destPrefix + TreePaths.check(start.getPath());
    switch (Manifests.fromProto(start.getKind())) {
      case DIRECTORY -> {
        stage.addDirectory(path, start.getMode());
        upserted.add(TreeEntry.directory(start.getPath(), start.getMode()));
      }
      case SYMLINK -> {
        stage.addSymlink(path, start.getLinkTarget());
        upserted.add(TreeEntry.symlink(start.getPath(), start.getLinkTarget()));
      }
      case FILE -> openFile(start, path);
    }
  }

  private void openFile(FileStart start, String path) throws ChangeRejectedException, IOException {
    Path target = stage.resolve(path);
    stage.checkDeclaredSize(path, start.getSize());
    Path staged = stage.newStagedFile();
    HashStream128 writtenHash = StrongHash.stream();
    // No bigger than the file: a first sync of thousands of small files allocated 64 KiB for each.
    int bufferSize = (int) Math.max(512, Math.min(64 * 1024, start.getSize()));
    OutputStream stream =
        new BufferedOutputStream(
            new HashingOutputStream(
                Files.newOutputStream(staged, StandardOpenOption.CREATE_NEW), writtenHash),
            bufferSize);
    FileChannel base = null;
    PatchWriter writer;
    try {
      switch (start.getSourceCase()) {
        case DELTA_BLOCK_SIZE -> {
          if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ChangeRejectedException("delta for " + path + " but it is not a file here");
          }
          base = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
          writer = new PatchWriter(BlockSource.of(base), start.getDeltaBlockSize(), stream);
        }
        case COPY_FROM -> {
          writer = PatchWriter.whole(stream);
        }
        default -> writer = PatchWriter.whole(stream);
      }
    } catch (ChangeRejectedException | IOException | RuntimeException e) {
      stream.close();
      if (base != null) {
        base.close();
      }
      throw e;
    }
    open = new OpenFile(start, path, staged, stream, base, writer, writtenHash);
    if (start.getSourceCase() == FileStart.SourceCase.COPY_FROM) {
      Path source = root.resolve(destPrefix + TreePaths.check(start.getCopyFrom()));
      if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        throw new ChangeRejectedException("copy source " + start.getCopyFrom() + " is not a file");
      }
      byte[] buffer = new byte[64 * 1024];
      DeltaSink sink = sink(open);
      try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          sink.literal(buffer, 0, n);
        }
      }
    }
  }

  /** Each batched file as a FileStart, its content, and a FileEnd checking its content hash. */
  private void fileBatch(FileBatch batch) throws IOException, ChangeRejectedException {
    for (BatchedFile file : batch.getFilesList()) {
      FileStart start = file.getStart();
      if (Manifests.fromProto(start.getKind()) != EntryKind.FILE
          || start.getSourceCase() != FileStart.SourceCase.WHOLE) {
        throw new ChangeRejectedException("a batch holds whole files only: " + start.getPath());
      }
      fileStart(start);
      if (file.hasContent()) {
        byte[] raw = LiteralMessages.decode(file.getContent(), decompressor);
        sink(open).literal(raw, 0, raw.length);
      }
      fileEnd(
          FileEnd.newBuilder().setId(start.getId()).setContentHash(start.getContentHash()).build());
    }
  }

  private void chunk(int id, SyncRequest request) throws IOException, ChangeRejectedException {
    if (open == null || open.start.getId() != id) {
      throw new ChangeRejectedException("delta chunk for a file that is not open");
    }
    ChunkReader.replay(request.getChunk(), sink(open), decompressor);
  }

  /** Writes into the open file while counting bytes against the limits. */
  private DeltaSink sink(OpenFile file) {
    return new DeltaSink() {
      @Override
      public void copy(long firstBlock, int count) throws IOException {
        long before = file.writer.written();
        file.writer.copy(firstBlock, count);
        account(file, before);
      }

      @Override
      public void literal(byte[] data, int offset, int length) throws IOException {
        long before = file.writer.written();
        file.writer.literal(data, offset, length);
        account(file, before);
      }
    };
  }

  private void account(OpenFile file, long before) throws IOException {
    long written = file.writer.written();
    if (written > file.start.getSize()) {
      throw new DeltaException(file.path + " is longer than announced");
    }
    try {
      stage.countBytes(file.path, written - before);
    } catch (ChangeRejectedException e) {
      throw new DeltaException(e.getMessage());
    }
  }

  private void fileEnd(FileEnd end) throws IOException, ChangeRejectedException {
    OpenFile file = open;
    if (file == null || file.start.getId() != end.getId()) {
      throw new ChangeRejectedException("end of a file that is not open");
    }
    open = null;
    file.stream.close();
    if (file.base != null) {
      file.base.close();
    }
    boolean delta = file.start.getSourceCase() == FileStart.SourceCase.DELTA_BLOCK_SIZE;
    try {
      if (delta && !end.getSha256().isEmpty()) {
        file.writer.verify(end.getSha256().toByteArray());
      } else if (!Arrays.equals(
          StrongHash.bytes(file.writtenHash), end.getContentHash().toByteArray())) {
        // Whole and copied files, and deltas under Protocol.DELTA_CONTENT_HASH: what was written
        // to staging must hash to the sender's content hash.
        throw new DeltaException("content hash of the written file does not match the sender's");
      }
    } catch (DeltaException e) {
      Files.deleteIfExists(file.staged);
      if (delta) {
        LOG.info("{} failed its check after patching; asking for the whole file", file.path);
        resend.add(file.start.getPath());
        return;
      }
      throw new DeltaException(file.path + ": " + e.getMessage());
    }
    stage.addFile(file.path, file.staged, file.start.getMode(), file.start.getMtimeMillis());
    // The rename keeps size and mtime, so the next scan can take this hash from the cache instead
    // of reading the file again.
    BasicFileAttributes attrs = Files.readAttributes(file.staged, BasicFileAttributes.class);
    upserted.add(
        TreeEntry.file(
            file.start.getPath(),
            attrs.size(),
            file.start.getMode(),
            attrs.lastModifiedTime().toMillis(),
            HexFormat.of().formatHex(StrongHash.bytes(file.writtenHash))));
    results.add(
        FileResult.newBuilder()
            .setPath(file.start.getPath())
            .setOutcome(FileResult.Outcome.WRITTEN)
            .setBytes(file.writer.written())
            .build());
  }

  private void remove(String path) throws ChangeRejectedException {
    requireBegun();
    stage.addRemoval(destPrefix + TreePaths.check(path));
    removedPaths.add(path);
    results.add(
        FileResult.newBuilder().setPath(path).setOutcome(FileResult.Outcome.REMOVED).build());
  }

  private void commit() throws ChangeRejectedException, IOException {
    requireBegun();
    if (open != null) {
      throw new ChangeRejectedException("commit while " + open.path + " is still open");
    }
    if (!resend.isEmpty()) {
      Committed.Builder retry = Committed.newBuilder().setChangeSetId(stage.id());
      retry.addAllResend(resend);
      resend.clear();
      sendNow(SyncResponse.newBuilder().setCommitted(retry).build());
      return;
    }
    if (stage.size() > 0) {
      stage.apply();
      HashCache cache = root.hashCache(destPrefix);
      for (TreeEntry e : upserted) {
        if (e.kind() == EntryKind.FILE) {
          cache.put(e.path(), e.size(), e.mtimeMillis(), e.contentHash());
        }
      }
      ChangeSetStage.pruneHistory(root, settings.keepHistory());
      // The tree as this set left it, from the scan at Begin: no rescan of the whole tree per sync.
      // Anything written meanwhile by others shows up in the next Begin's scan, whose hash then
      // differs from what the client recorded, so that client compares the full manifest.
      current = current.withChanges(removedPaths, upserted);
    }
    LOG.info("sync {} from '{}' applied {} entries", stage.id(), client, stage.size());
    sendNow(
        SyncResponse.newBuilder()
            .setCommitted(
                Committed.newBuilder()
                    .setChangeSetId(stage.id())
                    .addAllResults(results)
                    .setTreeHash(ByteString.copyFrom(current.treeHash())))
            .build());
    if (finish()) {
      out.onCompleted();
    }
  }

  private TreeSnapshot scan() throws IOException {
    return new TreeScanner(IgnoreRules.none(), root.hashCache(destPrefix)).scan(destDir);
  }

  private void requireBegun() throws ChangeRejectedException {
    if (!locked) {
      throw new ChangeRejectedException("the first message must be Begin");
    }
  }

  private void fail(Status status) {
    if (finish()) {
      LOG.warn("sync from '{}' refused: {}", client, status.getDescription());
      out.onError(status.asRuntimeException());
    }
  }

  /** Releases everything exactly once; true for the caller that did it. */
  private boolean finish() {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    if (open != null) {
      try {
        open.stream.close();
        if (open.base != null) {
          open.base.close();
        }
      } catch (IOException e) {
        LOG.debug("closing {}: {}", open.path, e.toString());
      }
      open = null;
    }
    if (stage != null) {
      stage.close();
    }
    decompressor.close();
    if (locked) {
      locked = false;
      root.unlock();
    }
    return true;
  }

  @Override
  public void onError(Throwable t) {
    if (finish()) {
      LOG.info("sync from '{}' abandoned by the client: {}", client, Status.fromThrowable(t));
    }
  }

  @Override
  public void onCompleted() {
    if (finish()) {
      out.onCompleted(); // closed without Commit: nothing applied
    }
  }

  private String newId() {
    return ID.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String version() {
    String v = SyncSession.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
