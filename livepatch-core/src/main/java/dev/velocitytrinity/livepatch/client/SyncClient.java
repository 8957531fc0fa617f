package dev.velocitytrinity.livepatch.client;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.google.protobuf.ByteString;
import dev.velocitytrinity.livepatch.delta.CodecChooser;
import dev.velocitytrinity.livepatch.delta.DeltaEncoder;
import dev.velocitytrinity.livepatch.delta.LiteralCodec;
import dev.velocitytrinity.livepatch.delta.Literals;
import dev.velocitytrinity.livepatch.delta.Signature;
import dev.velocitytrinity.livepatch.delta.StrongHash;
import dev.velocitytrinity.livepatch.delta.ThroughputCodecChooser;
import dev.velocitytrinity.livepatch.protocol.ChunkWriter;
import dev.velocitytrinity.livepatch.protocol.LiteralMessages;
import dev.velocitytrinity.livepatch.protocol.Manifests;
import dev.velocitytrinity.livepatch.protocol.Protocol;
import dev.velocitytrinity.livepatch.protocol.SignaturePages;
import dev.velocitytrinity.livepatch.protocol.SignatureRequests;
import dev.velocitytrinity.livepatch.tree.ChangeSet;
import dev.velocitytrinity.livepatch.tree.EntryKind;
import dev.velocitytrinity.livepatch.tree.HashCache;
import dev.velocitytrinity.livepatch.tree.IgnoreRules;
import dev.velocitytrinity.livepatch.tree.TreeDiff;
import dev.velocitytrinity.livepatch.tree.TreeEntry;
import dev.velocitytrinity.livepatch.tree.TreeScanner;
import dev.velocitytrinity.livepatch.tree.TreeSnapshot;
import dev.velocitytrinity.proto.livepatch.v1.BatchedFile;
import dev.velocitytrinity.proto.livepatch.v1.Begin;
import dev.velocitytrinity.proto.livepatch.v1.Commit;
import dev.velocitytrinity.proto.livepatch.v1.Committed;
import dev.velocitytrinity.proto.livepatch.v1.FileBatch;
import dev.velocitytrinity.proto.livepatch.v1.FileEnd;
import dev.velocitytrinity.proto.livepatch.v1.FileSignature;
import dev.velocitytrinity.proto.livepatch.v1.FileStart;
import dev.velocitytrinity.proto.livepatch.v1.Hello;
import dev.velocitytrinity.proto.livepatch.v1.LivePatchGrpc;
import dev.velocitytrinity.proto.livepatch.v1.ManifestEntry;
import dev.velocitytrinity.proto.livepatch.v1.ManifestPage;
import dev.velocitytrinity.proto.livepatch.v1.ManifestRequest;
import dev.velocitytrinity.proto.livepatch.v1.Remove;
import dev.velocitytrinity.proto.livepatch.v1.SignatureRequest;
import dev.velocitytrinity.proto.livepatch.v1.SyncRequest;
import dev.velocitytrinity.proto.livepatch.v1.SyncResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one sync over a {@link Channel}; see the package documentation. */
public final class SyncClient {

  private static final HexFormat HEX = HexFormat.of();
  private static final int ON_READY_THRESHOLD = 2 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(SyncClient.class);

  private final Channel channel;
  private final String agent;
  private final Duration timeout;
  private final Executor hashers;

  /**
   * @param agent the agent's address as the user typed it, for messages and the push record key
   * @param timeout longest wait for any one answer from the agent
   */
  public SyncClient(Channel channel, String agent, Duration timeout) {
    this(channel, agent, timeout, Runnable::run);
  }

  /**
   * @param hashers where the local scan hashes changed files (a pool as wide as the machine makes a
   *     first sync's scan faster)
   */
  public SyncClient(Channel channel, String agent, Duration timeout, Executor hashers) {
    this.channel = channel;
    this.agent = agent;
    this.timeout = timeout;
    this.hashers = hashers;
  }

  public SyncOutcome sync(SyncSpec spec, PushRecords records, ProgressListener progress)
      throws SyncException, IOException {
    Path localDir = spec.localDir();
    LOG.debug("starting sync call");
    Call call = new Call();
    // A larger on-ready threshold keeps whole delta chunks in flight instead of one at a time.
    LivePatchGrpc.newStub(channel).withOnReadyThreshold(ON_READY_THRESHOLD).sync(call);
    LOG.debug("sync call started");
    try {
      // Begin is queued before the connection is up, so the TLS handshake and the agent's scan
      // overlap the local work below.
      call.sendUnchecked(
          SyncRequest.newBuilder()
              .setBegin(
                  Begin.newBuilder()
                      .addProtocolVersions(Protocol.VERSION)
                      .addAllCapabilities(Protocol.CAPABILITIES)
                      .setDest(spec.dest()))
              .build());
      // The local scan overlaps the TLS handshake and the agent's own scan.
      Optional<PushRecord> record = records.load(agent, spec.dest(), localDir);
      LOG.debug("push record: {}", record.isPresent() ? "found" : "none");
      IgnoreRules ignore = IgnoreRules.load(localDir);
      HashCache cache = new HashCache();
      // Built once: it seeds the hash cache and, if the agent's tree is still the recorded one, is
      // the remote side of the diff.
      Optional<TreeSnapshot> lastPushed = record.map(PushRecord::snapshot);
      lastPushed.ifPresent(cache::seed);
      // Without a record (a first sync to this agent), which files need their hash before the
      // diff depends on the agent's tree: the rest are hashed as they are sent.
      TreeScanner scanner = new TreeScanner(ignore, cache, hashers);
      TreeSnapshot scanned = scanner.scan(localDir, record.isPresent());
      LOG.debug("scanned {} local entries", scanned.size());

      Hello hello = call.next().getHello();
      LOG.debug("agent said hello (root {})", hello.getRootId());
      String remoteHash = HEX.formatHex(hello.getTreeHash().toByteArray());
      call.deltaByContentHash = hello.getCapabilitiesList().contains(Protocol.DELTA_CONTENT_HASH);
      call.fileBatches = hello.getCapabilitiesList().contains(Protocol.FILE_BATCH);
      boolean lz4 = hello.getCapabilitiesList().contains(Protocol.LZ4);
      TreeSnapshot remote;
      boolean manifestFetched = false;
      if (record.isPresent()
          && record.get().rootId().equals(hello.getRootId())
          && record.get().treeHash().equals(remoteHash)) {
        remote = lastPushed.get();
      } else {
        remote = fetchManifest(call);
        manifestFetched = true;
      }

      TreeSnapshot local = scanner.hashWhere(scanned, localDir, comparedWith(remote));
      ChangeSet changes = TreeDiff.between(local, remote, spec.delete(), ignore);
      LOG.debug(
          "{} upserts, {} removals (manifest fetched: {})",
          changes.upserts().size(),
          changes.removals().size(),
          manifestFetched);
      int removedEntries = TreeDiff.removedEntries(remote, changes);
      if (spec.delete()
          && !spec.force()
          && removedEntries > 0
          && changes.removedShare(removedEntries) > spec.maxDeleteShare()) {
        call.cancel("delete guard");
        throw new SyncException.NeedsConfirmation(
            String.format(
                "--delete would remove %d of %d remote entries (%.0f%%, more than the %.0f%%"
                    + " allowed); check --dest and the local directory, or pass --force",
                removedEntries,
                remote.size(),
                100 * changes.removedShare(removedEntries),
                100 * spec.maxDeleteShare()));
      }
      List<Change> plan = plan(changes, remote);
      if (spec.dryRun()) {
        call.cancel("dry run");
        return new SyncOutcome(
            plan, true, manifestFetched, "", call.sent.get(), call.received.get(), 0);
      }
      if (changes.isEmpty()) {
        call.finish();
        if (manifestFetched && remote.treeHashHex().equals(remoteHash)) {
          saveRecord(records, spec, hello.getRootId(), remote, remoteHash);
        }
        return new SyncOutcome(
            plan, false, manifestFetched, "", call.sent.get(), call.received.get(), 0);
      }

      Map<String, String> sentHashes = new HashMap<>();
      Map<String, String> copySources = copySources(remote);
      Map<String, Signature> signatures = fetchSignatures(call, changes, remote, copySources);
      long literalBytes = 0;
      Committed committed;
      CompletableFuture<TreeSnapshot> expected;
      CompletableFuture<String> expectedHash;
      CodecChooser codecs = codecs(spec, lz4);
      call.codecs = codecs; // told when the link makes the sender wait
      try (Literals.Compressor compressor = new Literals.Compressor(codecs)) {
        for (String path : changes.removals()) {
          call.send(SyncRequest.newBuilder().setRemove(Remove.newBuilder().setPath(path)).build());
        }
        long bytesTotal = changes.upserts().stream().mapToLong(TreeEntry::size).sum();
        long bytesDone = 0;
        int id = 0;
        int done = 0;
        Batch batch = new Batch();
        for (TreeEntry entry : changes.upserts()) {
          Signature signature = signatures.get(entry.path());
          String copyFrom = copySources.get(entry.contentHash());
          int entryId = ++id;
          Optional<BatchedFile> batched =
              call.fileBatches && signature == null && copyFrom == null
                  ? batchable(localDir, entry, entryId, compressor)
                  : Optional.empty();
          if (batched.isPresent()) {
            sentHashes.put(
                entry.path(),
                HEX.formatHex(batched.get().getStart().getContentHash().toByteArray()));
            literalBytes += batched.get().getContent().getData().size();
            batch.add(call, batched.get());
          } else {
            batch.send(call); // entries reach the agent in order
            literalBytes +=
                sendEntry(
                    call, localDir, entry, entryId, signature, copyFrom, compressor, sentHashes);
          }
          bytesDone += entry.size();
          progress.progress(++done, changes.upserts().size(), bytesDone, bytesTotal);
        }
        batch.send(call);
        LOG.debug("sent {} entries; committing", done);
        // The tree the agent should report after the commit, hashed while it commits; files the
        // scan left unhashed carry the hash of what was sent.
        List<TreeEntry> sent = new ArrayList<>();
        for (TreeEntry e : changes.upserts()) {
          sent.add(e.unhashed() ? e.withContentHash(sentHashes.get(e.path())) : e);
        }
        expected =
            CompletableFuture.supplyAsync(
                () -> remote.withChanges(changes.removals(), sent), hashers);
        expectedHash = expected.thenApplyAsync(TreeSnapshot::treeHashHex, hashers);
        progress.committing();
        committed = commit(call);
        LOG.debug("agent committed change set {}", committed.getChangeSetId());
        if (committed.getResendCount() > 0) {
          for (String path : committed.getResendList()) {
            TreeEntry entry = local.entries().get(path);
            if (entry == null) {
              throw new SyncException.Rejected("agent asked to resend unknown path " + path, null);
            }
            literalBytes +=
                sendEntry(call, localDir, entry, ++id, null, null, compressor, new HashMap<>());
          }
          committed = commit(call);
          if (committed.getResendCount() > 0) {
            throw new SyncException.Rejected(
                "agent could not rebuild " + committed.getResend(0) + " even from a whole copy",
                null);
          }
        }
      }
      String agentHash = HEX.formatHex(committed.getTreeHash().toByteArray());
      // The record is written while the agent ends the call.
      CompletableFuture<Void> recorded =
          expectedHash.thenAcceptAsync(
              hash -> {
                try {
                  if (hash.equals(agentHash)) {
                    saveRecord(records, spec, hello.getRootId(), expected.join(), hash);
                  } else {
                    // Someone else changed the tree meanwhile: next time, compare the manifest.
                    records.delete(agent, spec.dest(), localDir);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              hashers);
      call.finish();
      try {
        recorded.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof UncheckedIOException io) {
          throw io.getCause();
        }
        throw e;
      }
      return new SyncOutcome(
          plan,
          false,
          manifestFetched,
          committed.getChangeSetId(),
          call.sent.get(),
          call.received.get(),
          literalBytes);
    } catch (IOException | SyncException | RuntimeException e) {
      call.cancel("client failed");
      throw e;
    }
  }

  /** The literal codecs the spec asks for, within what the agent decodes. */
  private static CodecChooser codecs(SyncSpec spec, boolean agentDecodesLz4) {
    if (!agentDecodesLz4 || spec.compression() == Compression.ZSTD) {
      return CodecChooser.always(LiteralCodec.ZSTD);
    }
    return spec.compression() == Compression.LZ4
        ? CodecChooser.always(LiteralCodec.LZ4)
        : new ThroughputCodecChooser(System::nanoTime);
  }

  /** Saves {@code remote}, whose tree hash the caller has already computed, as the record. */
  private void saveRecord(
      PushRecords records, SyncSpec spec, String rootId, TreeSnapshot remote, String treeHash)
      throws IOException {
    records.save(
        new PushRecord(
            agent,
            spec.dest(),
            spec.localDir().toAbsolutePath().normalize().toString(),
            rootId,
            treeHash,
            new ArrayList<>(remote.entries().values())));
  }

  private TreeSnapshot fetchManifest(Call call) throws SyncException {
    call.send(
        SyncRequest.newBuilder().setManifestRequest(ManifestRequest.getDefaultInstance()).build());
    List<TreeEntry> entries = new ArrayList<>();
    while (true) {
      ManifestPage page = call.next().getManifestPage();
      for (ManifestEntry e : page.getEntriesList()) {
        try {
          entries.add(Manifests.fromProto(e));
        } catch (IllegalArgumentException ex) {
          throw new SyncException.Rejected("agent sent a bad manifest: " + ex.getMessage(), ex);
        }
      }
      if (page.getLast()) {
        return TreeSnapshot.of(entries);
      }
    }
  }

  /**
   * The local files the diff compares with the agent's tree: those at a path where the agent has a
   * file, and those the size of one of the agent's files (a rename or copy the agent can make
   * itself). Files the scan left unhashed and that are none of these are new to the agent and
   * hashed as they are sent.
   */
  private static Predicate<TreeEntry> comparedWith(TreeSnapshot remote) {
    Set<Long> remoteSizes = new HashSet<>();
    for (TreeEntry e : remote.entries().values()) {
      if (e.kind() == EntryKind.FILE) {
        remoteSizes.add(e.size());
      }
    }
    return e -> {
      TreeEntry theirs = remote.entries().get(e.path());
      return (theirs != null && theirs.kind() == EntryKind.FILE) || remoteSizes.contains(e.size());
    };
  }

  /** Files whose content the agent already has somewhere, by content hash. */
  private static Map<String, String> copySources(TreeSnapshot remote) {
    Map<String, String> sources = new HashMap<>();
    for (TreeEntry e : remote.entries().values()) {
      if (e.kind() == EntryKind.FILE && e.size() > 0) {
        sources.putIfAbsent(e.contentHash(), e.path());
      }
    }
    return sources;
  }

  private Map<String, Signature> fetchSignatures(
      Call call, ChangeSet changes, TreeSnapshot remote, Map<String, String> copySources)
      throws SyncException {
    List<String> paths = new ArrayList<>();
    for (TreeEntry e : changes.upserts()) {
      TreeEntry theirs = remote.entries().get(e.path());
      if (e.kind() == EntryKind.FILE
          && !copySources.containsKey(e.contentHash())
          && theirs != null
          && theirs.kind() == EntryKind.FILE
          && !changes.removals().contains(e.path())
          && theirs.size() >= Protocol.WHOLE_FILE_THRESHOLD
          && e.size() >= Protocol.WHOLE_FILE_THRESHOLD) {
        paths.add(e.path());
      }
    }
    Map<String, Signature> signatures = new LinkedHashMap<>();
    if (paths.isEmpty()) {
      return signatures;
    }
    for (SignatureRequest request : SignatureRequests.of(paths)) {
      call.send(SyncRequest.newBuilder().setSignatureRequest(request).build());
    }
    SignaturePages.Assembler assembler = new SignaturePages.Assembler();
    while (signatures.size() < paths.size()) {
      FileSignature page = call.next().getSignature();
      Optional<Signature> signature;
      try {
        signature = assembler.add(page);
      } catch (IllegalArgumentException e) {
        throw new SyncException.Rejected("agent sent a bad signature: " + e.getMessage(), e);
      }
      signature.ifPresent(s -> signatures.put(page.getPath(), s));
    }
    return signatures;
  }

  /** Sends one entry; returns the literal bytes it put on the wire. */
  private long sendEntry(
      Call call,
      Path localDir,
      TreeEntry entry,
      int id,
      Signature signature,
      String copyFrom,
      Literals.Compressor compressor,
      Map<String, String> sentHashes)
      throws IOException, SyncException {
    FileStart.Builder start = fileStart(entry, id);
    if (entry.kind() != EntryKind.FILE) {
      call.send(SyncRequest.newBuilder().setFileStart(start).build());
      return 0;
    }
    start.setContentHash(ByteString.copyFrom(HEX.parseHex(entry.contentHash())));
    FileEnd.Builder end = FileEnd.newBuilder().setId(id);
    if (copyFrom != null) {
      // The agent already has this content: it copies it and checks the scan's content hash.
      call.send(SyncRequest.newBuilder().setFileStart(start.setCopyFrom(copyFrom)).build());
      call.send(
          SyncRequest.newBuilder().setFileEnd(end.setContentHash(start.getContentHash())).build());
      return 0;
    }
    Path file = localDir.resolve(entry.path());
    ChunkWriter chunks =
        new ChunkWriter(
            id, chunk -> call.sendIo(SyncRequest.newBuilder().setChunk(chunk).build()), compressor);
    try (InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      if (signature != null && signature.blockCount() > 0 && call.deltaByContentHash) {
        // The agent checks the result against the scan's hash. Should the file have changed since
        // the scan, that check fails and the agent asks for the file whole (hashed as sent).
        call.send(
            SyncRequest.newBuilder()
                .setFileStart(start.setDeltaBlockSize(signature.blockSize()))
                .build());
        new DeltaEncoder(signature).encode(raw, chunks);
        chunks.flush();
        end.setContentHash(start.getContentHash());
      } else if (signature != null && signature.blockCount() > 0) {
        // An older agent checks a delta with SHA-256 of the result, as sent.
        MessageDigest sha256 = sha256();
        call.send(
            SyncRequest.newBuilder()
                .setFileStart(start.setDeltaBlockSize(signature.blockSize()))
                .build());
        new DeltaEncoder(signature).encode(new DigestInputStream(raw, sha256), chunks);
        chunks.flush();
        end.setSha256(ByteString.copyFrom(sha256.digest()));
      } else {
        // Sent whole: checked with the xxh3-128 of what was actually sent.
        HashStream128 hash = StrongHash.stream();
        call.send(SyncRequest.newBuilder().setFileStart(start.setWhole(true)).build());
        byte[] buffer = new byte[DeltaEncoder.MAX_LITERAL];
        int n;
        while ((n = raw.readNBytes(buffer, 0, buffer.length)) > 0) {
          hash.putBytes(buffer, 0, n);
          chunks.literal(buffer, 0, n);
        }
        chunks.flush();
        byte[] sentHash = StrongHash.bytes(hash);
        sentHashes.put(entry.path(), HEX.formatHex(sentHash));
        end.setContentHash(ByteString.copyFrom(sentHash));
      }
    } catch (CallFailed e) {
      throw e.failure;
    }
    call.send(SyncRequest.newBuilder().setFileEnd(end).build());
    return chunks.literalBytesSent();
  }

  /**
   * A small whole file as a batch entry, its content read and hashed now (the agent checks what it
   * writes against that hash); empty for anything else, which goes through {@link #sendEntry}.
   */
  private static Optional<BatchedFile> batchable(
      Path localDir, TreeEntry entry, int id, Literals.Compressor compressor) throws IOException {
    if (entry.kind() != EntryKind.FILE || entry.size() > Protocol.BATCHED_FILE_MAX) {
      return Optional.empty();
    }
    byte[] content;
    try (InputStream in =
        Files.newInputStream(localDir.resolve(entry.path()), LinkOption.NOFOLLOW_LINKS)) {
      content = in.readNBytes((int) Protocol.BATCHED_FILE_MAX + 1);
    }
    if (content.length > Protocol.BATCHED_FILE_MAX) {
      return Optional.empty(); // grew since the scan: sent on its own, streamed
    }
    HashStream128 hash = StrongHash.stream();
    hash.putBytes(content);
    BatchedFile.Builder file =
        BatchedFile.newBuilder()
            .setStart(
                fileStart(entry, id)
                    .setSize(content.length)
                    .setContentHash(ByteString.copyFrom(StrongHash.bytes(hash)))
                    .setWhole(true));
    if (content.length > 0) {
      Literals.Encoded encoded = compressor.encode(content, 0, content.length);
      file.setContent(LiteralMessages.of(encoded));
    }
    return Optional.of(file.build());
  }

  private static FileStart.Builder fileStart(TreeEntry entry, int id) {
    return FileStart.newBuilder()
        .setId(id)
        .setPath(entry.path())
        .setKind(Manifests.toProto(entry.kind()))
        .setMode(entry.mode())
        .setMtimeMillis(entry.mtimeMillis())
        .setSize(entry.size())
        .setLinkTarget(entry.linkTarget());
  }

  /** Small files on their way in one FileBatch message, sent once it holds BATCH_BYTES. */
  private static final class Batch {
    private final FileBatch.Builder files = FileBatch.newBuilder();
    private int bytes;

    void add(Call call, BatchedFile file) throws SyncException {
      files.addFiles(file);
      bytes += file.getContent().getData().size() + file.getStart().getPath().length() + 64;
      if (bytes >= Protocol.BATCH_BYTES) {
        send(call);
      }
    }

    void send(Call call) throws SyncException {
      if (files.getFilesCount() > 0) {
        call.send(SyncRequest.newBuilder().setFileBatch(files).build());
        files.clear();
        bytes = 0;
      }
    }
  }

  private Committed commit(Call call) throws SyncException {
    call.send(SyncRequest.newBuilder().setCommit(Commit.getDefaultInstance()).build());
    return call.next().getCommitted();
  }

  private static List<Change> plan(ChangeSet changes, TreeSnapshot remote) {
    List<Change> plan = new ArrayList<>();
    for (String path : changes.removals()) {
      plan.add(new Change(Change.Kind.DELETED, path));
    }
    for (TreeEntry e : changes.upserts()) {
      TreeEntry theirs = remote.entries().get(e.path());
      boolean modified =
          theirs != null && theirs.kind() == e.kind() && !changes.removals().contains(e.path());
      plan.add(new Change(modified ? Change.Kind.MODIFIED : Change.Kind.ADDED, e.path()));
    }
    return plan;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Carries a SyncException through the IOException-only chunk consumer. */
  private static final class CallFailed extends IOException {
    private static final long serialVersionUID = 1L;
    final transient SyncException failure;

    CallFailed(SyncException failure) {
      super(failure.getMessage());
      this.failure = failure;
    }
  }

  /** One Sync call: a blocking, flow-controlled facade over the async stub. */
  private final class Call implements ClientResponseObserver<SyncRequest, SyncResponse> {
    private static final Object DONE = new Object();

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Object ready = new Object();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile Throwable error;
    private ClientCallStreamObserver<SyncRequest> requests;

    /** Whether the agent checks deltas against the scan's content hash (see Protocol). */
    private boolean deltaByContentHash;

    /** Whether the agent takes small whole files in batches (see Protocol). */
    private boolean fileBatches;

    /** Hears when the link makes this call's sender wait (see ThroughputCodecChooser). */
    private CodecChooser codecs = CodecChooser.always(LiteralCodec.ZSTD);

    @Override
    public void beforeStart(ClientCallStreamObserver<SyncRequest> requestStream) {
      this.requests = requestStream;
      requestStream.setOnReadyHandler(
          () -> {
            synchronized (ready) {
              ready.notifyAll();
            }
          });
    }

    @Override
    public void onNext(SyncResponse value) {
      received.addAndGet(value.getSerializedSize() + 5L);
      inbox.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      inbox.add(t);
      synchronized (ready) {
        ready.notifyAll();
      }
    }

    @Override
    public void onCompleted() {
      inbox.add(DONE);
    }

    /** Sends when the transport can take more (flow control), failing if the call died. */
    void send(SyncRequest request) throws SyncException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (ready) {
        if (!requests.isReady()) {
          codecs.senderWaited();
        }
        while (!requests.isReady()) {
          if (error != null) {
            throw map(error);
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new SyncException.Unavailable(
                "agent " + agent + " stopped reading for " + timeout.toSeconds() + "s", null);
          }
          try {
            ready.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1000)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException.Unavailable("interrupted", e);
          }
        }
      }
      if (error != null) {
        throw map(error);
      }
      sent.addAndGet(request.getSerializedSize() + 5L);
      requests.onNext(request);
    }

    /** Sends without waiting for readiness: for the few small control messages. */
    void sendUnchecked(SyncRequest request) {
      sent.addAndGet(request.getSerializedSize() + 5L);
      requests.onNext(request);
    }

    void sendIo(SyncRequest request) throws IOException {
      try {
        send(request);
      } catch (SyncException e) {
        throw new CallFailed(e);
      }
    }

    SyncResponse next() throws SyncException {
      Object item;
      try {
        item = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SyncException.Unavailable("interrupted", e);
      }
      if (item == null) {
        throw new SyncException.Unavailable(
            "agent " + agent + " did not answer within " + timeout.toSeconds() + "s", null);
      }
      if (item instanceof Throwable t) {
        throw map(t);
      }
      if (item == DONE) {
        throw new SyncException.Rejected("agent closed the sync unexpectedly", null);
      }
      return (SyncResponse) item;
    }

    /** Half-closes and waits for the agent to end the call. */
    void finish() throws SyncException {
      requests.onCompleted();
      Object item;
      try {
        item = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (item instanceof Throwable t) {
        throw map(t);
      }
    }

    void cancel(String why) {
      if (requests != null && error == null) {
        requests.cancel(why, null);
      }
    }

    private SyncException map(Throwable t) {
      Status status = Status.fromThrowable(t);
      String detail = describe(status);
      return switch (status.getCode()) {
        case UNAVAILABLE, DEADLINE_EXCEEDED ->
            new SyncException.Unavailable("cannot reach agent " + agent + ": " + detail, t);
        case UNAUTHENTICATED, PERMISSION_DENIED ->
            new SyncException.Unavailable("agent " + agent + " refused this client: " + detail, t);
        default ->
            new SyncException.Rejected(
                "agent " + agent + " rejected the change set (nothing applied): " + detail, t);
      };
    }

    private String describe(Status status) {
      String description = status.getDescription();
      String text =
          description == null
              ? status.getCode().name()
              : description.lines().findFirst().orElse("");
      Throwable root = status.getCause();
      boolean tls = false;
      for (Throwable t = root; t != null; t = t.getCause()) {
        tls |= t instanceof javax.net.ssl.SSLException;
        root = t;
      }
      if (tls) {
        return "TLS handshake failed (" + firstLine(root.getMessage()) + ")";
      }
      if (root != null && root.getMessage() != null) {
        return text + " (" + firstLine(root.getMessage()) + ")";
      }
      return text;
    }

    private static String firstLine(String message) {
      return message == null ? "" : message.lines().findFirst().orElse("");
    }
  }
}
